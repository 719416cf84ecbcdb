package io.channelmind.ingestion.input;

/**
 * The input cannot be read any further: its bytes are not valid in the charset, a field is too
 * long to be real data, or the body stream broke. Unlike a malformed row, reading cannot skip it.
 */
public final class UnreadableInputException extends RuntimeException {

    /** Kind of failure, so that callers can choose the response. */
    public enum Kind {
        INVALID_ENCODING,
        FIELD_TOO_LONG,
        MALFORMED_HEADER,
        BROKEN_STREAM,
        /** A gzip body inflated past its size or ratio limit. */
        INFLATION_LIMIT
    }

    private final Kind kind;
    private final long row;

    /**
     * @param row 1-based data row at which reading failed, or 0 for the header
     */
    public UnreadableInputException(Kind kind, long row, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.row = row;
    }

    public Kind kind() {
        return kind;
    }

    public long row() {
        return row;
    }
}
