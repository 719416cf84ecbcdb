package io.channelmind.ingestion.domain;

/**
 * A row that cannot be imported. The reason names what is wrong without repeating the value,
 * because reasons go to the dead-letter topic and values may be personal data.
 */
public final class RowRejectedException extends RuntimeException {

    private final String column;
    private final String value;
    private final String reason;

    /**
     * @param column the header name of the failing column, or null when the row as a whole is wrong
     * @param value the rejected value as read from the file, or null
     */
    public RowRejectedException(String column, String value, String reason) {
        super(reason, null, false, false);
        this.column = column;
        this.value = value;
        this.reason = reason;
    }

    public String column() {
        return column;
    }

    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }
}
