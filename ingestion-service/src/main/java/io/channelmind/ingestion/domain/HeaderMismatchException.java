package io.channelmind.ingestion.domain;

import java.util.List;

/** The header lacks columns the mapping needs, or names one of them twice. */
public final class HeaderMismatchException extends RuntimeException {

    private final List<String> missingColumns;
    private final List<String> duplicateColumns;
    private final List<String> header;

    public HeaderMismatchException(List<String> missingColumns, List<String> duplicateColumns, List<String> header) {
        super("Header mismatch: missing " + missingColumns + ", duplicate " + duplicateColumns, null, false, false);
        this.missingColumns = List.copyOf(missingColumns);
        this.duplicateColumns = List.copyOf(duplicateColumns);
        this.header = List.copyOf(header);
    }

    public List<String> missingColumns() {
        return missingColumns;
    }

    public List<String> duplicateColumns() {
        return duplicateColumns;
    }

    public List<String> header() {
        return header;
    }
}
