package io.channelmind.ingestion.tracking;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.channelmind.ingestion.cleaning.CustomerIds;
import io.channelmind.ingestion.domain.IsoInstants;

/**
 * Reads and validates the JSON of tracking calls. It collects every invalid field of a request
 * before failing, so a client can fix them all at once, and rejects the whole request when one
 * call is invalid.
 */
final class CallParser {

    static final int MAX_ID_LENGTH = 200;

    private final List<InvalidField> errors = new ArrayList<>();
    private int normalisedIds;
    private int timestampsWithoutOffset;

    /** One invalid field, with its JSON path, its value as received and what is wrong. */
    record InvalidField(String field, Object value, String message) {
    }

    List<InvalidField> errors() {
        return errors;
    }

    /** Returns how many ids sent as JSON numbers with a zero fraction, such as 17850.0, were written as whole numbers. */
    int normalisedIds() {
        return normalisedIds;
    }

    /** Returns how many date-times without an offset were read as UTC. */
    int timestampsWithoutOffset() {
        return timestampsWithoutOffset;
    }

    /**
     * Reads one call. {@code path} prefixes field names in errors ({@code batch[3].}), and
     * {@code batchSentAt} and {@code batchContext} are the batch's own fields, which apply to
     * each item that lacks them. Returns null when the call is invalid.
     */
    TrackingCall parse(CallType type, JsonNode call, String path, Instant batchSentAt, ObjectNode batchContext,
            Instant receivedAt) {
        int errorsBefore = errors.size();
        String messageId = id(call, path, "messageId");
        String userId = id(call, path, "userId");
        String anonymousId = id(call, path, "anonymousId");
        if (type == CallType.ALIAS && userId == null && !hasError(path + "userId")) {
            errors.add(new InvalidField(path + "userId", null, "An alias call requires userId, the id that previousId "
                    + "is merged into"));
        } else if (userId == null && anonymousId == null && errors.size() == errorsBefore) {
            errors.add(new InvalidField(path + "userId", null, "Either userId or anonymousId is required"));
        }
        String event = type == CallType.TRACK ? required(type, call, path, "event") : null;
        String previousId = type == CallType.ALIAS ? required(type, call, path, "previousId") : null;
        String groupId = type == CallType.GROUP ? required(type, call, path, "groupId") : null;
        String name = type == CallType.PAGE || type == CallType.SCREEN ? text(call, path, "name") : null;
        ObjectNode traits = object(call, path, "traits");
        ObjectNode properties = object(call, path, "properties");
        ObjectNode context = merge(batchContext, object(call, path, "context"));
        Instant timestamp = instant(call, path, "timestamp");
        Instant sentAt = call.hasNonNull("sentAt") ? instant(call, path, "sentAt") : batchSentAt;
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new TrackingCall(type, messageId == null ? "generated-" + UUID.randomUUID() : messageId, userId,
                anonymousId, event, name, previousId, groupId, traits, properties, context,
                ClockSkew.correct(timestamp, sentAt, receivedAt), timestamp, receivedAt);
    }

    /** Reads a timestamp of the batch envelope, such as its {@code sentAt}. */
    Instant instant(JsonNode call, String path, String field) {
        JsonNode value = call.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            return invalid(path + field, value, "Must be an ISO-8601 date-time string such as 2024-05-01T08:30:00.000Z");
        }
        Instant common = IsoInstants.parseWithOffset(value.asText());
        if (common != null) {
            return common;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(value.asText());
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Instant.from(parsed);
            }
            // Segment reads a date-time without an offset as UTC.
            timestampsWithoutOffset++;
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return invalid(path + field, value.asText(), "Must be an ISO-8601 date-time such as 2024-05-01T08:30:00.000Z");
        }
    }

    /** Reads a JSON object such as the batch's {@code context}; an absent field gives an empty object. */
    ObjectNode object(JsonNode call, String path, String field) {
        JsonNode value = call.get(field);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            invalid(path + field, value, "Must be a JSON object");
            return JsonNodeFactory.instance.objectNode();
        }
        return (ObjectNode) value;
    }

    /**
     * Reads an id, which SDKs send as a string and some as a number; blank counts as absent. A
     * number with a zero fraction ({@code 17850.0}, as spreadsheets and pandas write ids) becomes
     * the whole number, and a number with a real fraction is rejected. A string is kept as sent.
     */
    private String id(JsonNode call, String path, String field) {
        JsonNode value = call.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            return invalid(path + field, value, "Must be a string");
        }
        String id = value.asText().trim();
        if (value.isNumber() && !value.isIntegralNumber()) {
            Optional<String> whole = CustomerIds.normalise(value.decimalValue().toPlainString());
            if (whole.isEmpty()) {
                return invalid(path + field, value, "Must be a string or a whole number, not a number with a fraction");
            }
            normalisedIds++;
            id = whole.get();
        }
        if (id.length() > MAX_ID_LENGTH) {
            return invalid(path + field, id.substring(0, 40) + "...", "Must be at most " + MAX_ID_LENGTH
                    + " characters long, not " + id.length());
        }
        return id.isEmpty() ? null : id;
    }

    private String required(CallType type, JsonNode call, String path, String field) {
        String value = id(call, path, field);
        if (value == null && !hasError(path + field)) {
            errors.add(new InvalidField(path + field, null, "Missing " + field + ", which every " + type.jsonName()
                    + " call requires"));
        }
        return value;
    }

    private String text(JsonNode call, String path, String field) {
        JsonNode value = call.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            return invalid(path + field, value, "Must be a string");
        }
        return value.asText();
    }

    private static ObjectNode merge(ObjectNode batchContext, ObjectNode callContext) {
        if (batchContext == null || batchContext.isEmpty()) {
            return callContext;
        }
        ObjectNode merged = batchContext.deepCopy();
        merged.setAll(callContext);
        return merged;
    }

    private boolean hasError(String field) {
        return errors.stream().anyMatch(error -> error.field().equals(field));
    }

    private <T> T invalid(String field, Object value, String message) {
        errors.add(new InvalidField(field, value instanceof JsonNode node ? node.toString() : value, message));
        return null;
    }
}
