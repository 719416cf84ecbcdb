package io.channelmind.ingestion.tracking;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Segment call types, each with its own endpoint {@code POST /v1/<type>}. */
public enum CallType {
    IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

    /** Call types by JSON name, built once because a batch looks up the type of each of its calls. */
    private static final Map<String, CallType> BY_JSON_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(CallType::jsonName, type -> type));

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the type of a batch item's {@code type} value, compared exactly as Segment does. */
    public static Optional<CallType> fromJsonName(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_JSON_NAME.get(value));
    }
}
