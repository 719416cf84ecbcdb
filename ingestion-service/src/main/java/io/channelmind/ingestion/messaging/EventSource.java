package io.channelmind.ingestion.messaging;

/** Origin of a message: the import, its mapping and the 1-based data row. */
public record EventSource(String kind, String importId, String mapping, long row) {

    public static EventSource ofImport(String importId, String mapping, long row) {
        return new EventSource("import", importId, mapping, row);
    }
}
