package io.channelmind.ingestion.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/** Opens a request body as a {@link RecordReader}: decompresses gzip, decodes the charset and drops a byte order mark. */
public final class RecordReaders {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;

    private RecordReaders() {
    }

    /**
     * Opens the body. A gzip body is recognised by its first two bytes, regardless of the headers.
     *
     * @param gzipDeclared whether the request declared {@code Content-Encoding: gzip}
     * @throws UnreadableInputException when the body cannot be opened, such as a declared gzip
     *     encoding on a body that is not gzip
     */
    public static RecordReader open(InputStream body, InputFormat format, Charset charset, char delimiter, char quote,
            boolean gzipDeclared) {
        return open(body, format, charset, delimiter, quote, gzipDeclared, InflationLimit.DEFAULT);
    }

    /**
     * Opens the body like {@link #open(InputStream, InputFormat, Charset, char, char, boolean)}. A
     * gzip body that inflates past {@code inflationLimit} fails the reading with
     * {@link UnreadableInputException.Kind#INFLATION_LIMIT}.
     */
    public static RecordReader open(InputStream body, InputFormat format, Charset charset, char delimiter, char quote,
            boolean gzipDeclared, InflationLimit inflationLimit) {
        CharSource source = new CharSource(decompress(body, gzipDeclared, inflationLimit), charset);
        return format == InputFormat.NDJSON ? new NdjsonRecordReader(source) : new CsvRecordReader(source, delimiter, quote);
    }

    private static InputStream decompress(InputStream body, boolean gzipDeclared, InflationLimit inflationLimit) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(body, BUFFER_SIZE);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            boolean gzip = first == GZIP_MAGIC_FIRST && second == GZIP_MAGIC_SECOND;
            if (gzipDeclared && !gzip && first != -1) {
                throw new UnreadableInputException(UnreadableInputException.Kind.BROKEN_STREAM, 0,
                        "The request declares Content-Encoding: gzip but the body is not gzip data; "
                                + "send the compressed bytes or drop the header", null);
            }
            return gzip ? LimitedGzipInputStream.open(buffered, BUFFER_SIZE, inflationLimit) : buffered;
        } catch (IOException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.BROKEN_STREAM, 0,
                    "Reading the request body failed: " + e.getMessage(), e);
        }
    }
}
