package io.channelmind.ingestion.domain;

import java.util.Locale;
import java.util.Optional;

/** Reaction of an import to a malformed row: stop the import there, or skip the row and continue. */
public enum OnError {

    STOP,
    SKIP;

    /** Parses the query parameter value; an absent value means {@link #STOP}, an unknown one returns empty. */
    public static Optional<OnError> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(STOP);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "stop" -> Optional.of(STOP);
            case "skip" -> Optional.of(SKIP);
            default -> Optional.empty();
        };
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
