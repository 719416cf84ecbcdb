package io.channelmind.ingestion.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The value type of a mapped column; each type has its own parser and normal form. */
public enum FieldType {

    STRING("string"),
    /** An identifier; numbers written as floats ({@code 17850.0}) are normalised to {@code 17850}. */
    ID("id"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    BOOLEAN("boolean"),
    EMAIL("email"),
    PHONE("phone"),
    TIMESTAMP("timestamp"),
    DATE("date"),
    CURRENCY("currency"),
    LOCALE("locale"),
    TIMEZONE("timezone"),
    CHANNEL("channel");

    private final String jsonName;

    FieldType(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static FieldType fromJson(String name) {
        return Arrays.stream(values())
                .filter(type -> type.jsonName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown field type '" + name + "'; use one of: " + names()));
    }

    private static String names() {
        return Arrays.stream(values()).map(FieldType::jsonName).collect(Collectors.joining(", "));
    }
}
