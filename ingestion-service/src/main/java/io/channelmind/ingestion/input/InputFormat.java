package io.channelmind.ingestion.input;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The record syntax of an import body, chosen by its Content-Type. */
public enum InputFormat {

    CSV(List.of("text/csv", "application/csv", "text/plain", "application/octet-stream", "application/gzip",
            "application/x-gzip")),
    NDJSON(List.of("application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"));

    private final List<String> mediaTypes;

    InputFormat(List<String> mediaTypes) {
        this.mediaTypes = mediaTypes;
    }

    public List<String> mediaTypes() {
        return mediaTypes;
    }

    /**
     * Finds the format for a media type without parameters, such as {@code text/csv}. A gzip or
     * octet-stream body is read as CSV.
     */
    public static Optional<InputFormat> forMediaType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        String normalised = type.toLowerCase(Locale.ROOT);
        for (InputFormat format : values()) {
            if (format.mediaTypes.contains(normalised)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
