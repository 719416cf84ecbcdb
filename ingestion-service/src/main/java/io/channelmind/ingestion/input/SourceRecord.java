package io.channelmind.ingestion.input;

import java.util.List;

/**
 * One data row as read from the file, before any mapping applies.
 *
 * @param row 1-based data row number, not counting the header and blank lines
 * @param values one value per header column, or an empty list when {@code error} is set
 * @param error why the row could not be split into columns, or null when it could
 */
public record SourceRecord(long row, List<String> values, String error) {

    public static SourceRecord of(long row, List<String> values) {
        return new SourceRecord(row, values, null);
    }

    public static SourceRecord malformed(long row, String error) {
        return new SourceRecord(row, List.of(), error);
    }

    public boolean isMalformed() {
        return error != null;
    }
}
