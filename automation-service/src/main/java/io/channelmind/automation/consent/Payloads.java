package io.channelmind.automation.consent;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the schema-version-1 JSON payloads of the topics this package consumes. */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /** Parses a payload into a JSON object and throws IllegalArgumentException unless its schemaVersion is 1. */
    static JsonNode readVersion1(String payload) {
        JsonNode event;
        try {
            event = payload == null ? null : JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the message is not a JSON object");
        }
        if (event.path("schemaVersion").asInt() != 1) {
            throw new IllegalArgumentException("schemaVersion " + event.path("schemaVersion")
                    + " is not supported; this version reads schemaVersion 1");
        }
        return event;
    }

    /** Returns the trimmed text of a field, or throws IllegalArgumentException naming it and its {@code owner}. */
    static String required(JsonNode event, String field, String owner) {
        String value = optional(event, field);
        if (value == null) {
            throw new IllegalArgumentException(owner + ": " + field + " is missing or not a string");
        }
        return value;
    }

    /** Returns a required ISO-8601 instant field, or throws IllegalArgumentException naming it and its event. */
    static Instant instant(JsonNode event, String field, String eventId) {
        try {
            return Instant.parse(required(event, field, eventId));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event " + eventId + ": " + field + " " + event.path(field)
                    + " is not an ISO-8601 instant");
        }
    }

    /** Returns the trimmed text of a field, or null when it is missing, blank or not a string. */
    static String optional(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().trim();
    }
}
