package io.channelmind.ingestion.domain;

/**
 * A rejected row as reported to the client.
 *
 * @param row 1-based data row number
 * @param column header name of the failing column, or null when the row as a whole is wrong
 * @param value the rejected value as read, or null
 * @param reason what is wrong and how to fix it
 */
public record RowError(long row, String column, String value, String reason) {

    /** Maximum length of a reported value. Longer values are cut because they only need to be recognisable. */
    public static final int MAX_VALUE_LENGTH = 200;

    public RowError {
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            value = value.substring(0, MAX_VALUE_LENGTH) + "…";
        }
    }
}
