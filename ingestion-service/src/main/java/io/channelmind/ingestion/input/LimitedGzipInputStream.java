package io.channelmind.ingestion.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Inflates a gzip stream and fails with {@link InflationLimitException} as soon as the inflated
 * bytes pass the {@link InflationLimit}, before they reach the parser.
 */
final class LimitedGzipInputStream extends FilterInputStream {

    private final CountingInputStream compressed;
    private final InflationLimit limit;
    private long inflated;

    private LimitedGzipInputStream(GZIPInputStream gzip, CountingInputStream compressed, InflationLimit limit) {
        super(gzip);
        this.compressed = compressed;
        this.limit = limit;
    }

    static LimitedGzipInputStream open(InputStream body, int bufferSize, InflationLimit limit) throws IOException {
        CountingInputStream compressed = new CountingInputStream(body);
        return new LimitedGzipInputStream(new GZIPInputStream(compressed, bufferSize), compressed, limit);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws InflationLimitException {
        inflated += n;
        if (inflated > limit.maxInflatedBytes()) {
            throw new InflationLimitException("The gzip body inflates to more than " + limit.maxInflatedBytes()
                    + " bytes, the limit ingestion.import.max-inflated-size; split the file, or raise the limit if "
                    + "the file is genuine");
        }
        long compressedBytes = Math.max(1, compressed.count());
        if (inflated > InflationLimit.RATIO_CHECK_AFTER_BYTES && inflated / compressedBytes > limit.maxRatio()) {
            throw new InflationLimitException("The gzip body inflates more than " + limit.maxRatio()
                    + " times its compressed size (" + inflated + " bytes from " + compressedBytes
                    + "), the limit ingestion.import.max-inflation-ratio; such a ratio is typical of a gzip bomb, so "
                    + "send the file uncompressed or raise the limit if the file is genuine");
        }
    }

    /** Counts the compressed bytes that the inflater consumed. */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
