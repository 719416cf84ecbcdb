package io.channelmind.ingestion.tracking;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Segment call types, each with its own endpoint {@code POST /v1/<type>}. */
public enum CallType {
    IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the type of a batch item's {@code type} value, compared exactly as Segment does. */
    public static Optional<CallType> fromJsonName(String value) {
        return Arrays.stream(values()).filter(type -> type.jsonName().equals(value)).findFirst();
    }
}
