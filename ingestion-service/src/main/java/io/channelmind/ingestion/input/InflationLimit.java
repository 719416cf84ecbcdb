package io.channelmind.ingestion.input;

/**
 * Limits on the decompression of a gzip body, which stop a small file that inflates to
 * gigabytes (a gzip bomb) early.
 *
 * @param maxInflatedBytes maximum number of bytes the body may inflate to
 * @param maxRatio maximum number of inflated bytes per compressed byte, checked once the body has inflated
 *     to {@link #RATIO_CHECK_AFTER_BYTES}, so that a small, very repetitive file still passes
 */
public record InflationLimit(long maxInflatedBytes, int maxRatio) {

    /** Inflated size from which the ratio is checked. */
    public static final long RATIO_CHECK_AFTER_BYTES = 16L * 1024 * 1024;

    /** The defaults of {@code ingestion.import.max-inflated-size} and {@code ingestion.import.max-inflation-ratio}. */
    public static final InflationLimit DEFAULT = new InflationLimit(16L * 1024 * 1024 * 1024, 100);

    public InflationLimit {
        if (maxInflatedBytes <= 0 || maxRatio <= 0) {
            throw new IllegalArgumentException("ingestion.import.max-inflated-size and max-inflation-ratio must be "
                    + "positive, not " + maxInflatedBytes + " and " + maxRatio);
        }
    }
}
