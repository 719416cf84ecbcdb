package io.channelmind.ingestion.tracking;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectMapper objectMapper;
    private final JsonCopy copy;
    private int normalisedIds;
    private int timestampsWithoutOffset;

    /** Creates a parser of one request, whose merged contexts are written into {@code copy}. */
    CallParser(ObjectMapper objectMapper, JsonCopy copy) {
        this.objectMapper = objectMapper;
        this.copy = copy;
    }

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
    TrackingCall parse(CallType type, ParsedCall call, String path, Instant batchSentAt, CallContext batchContext,
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
        CompactObject traits = object(call, path, "traits", call.traits());
        CompactObject properties = object(call, path, "properties", call.properties());
        CallContext context = merge(batchContext, context(call, path));
        Instant timestamp = instant(call, path, "timestamp");
        JsonNode callSentAt = call.get("sentAt");
        Instant sentAt = callSentAt != null && !callSentAt.isNull() ? instant(call, path, "sentAt") : batchSentAt;
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new TrackingCall(type, messageId == null ? "generated-" + UUID.randomUUID() : messageId, userId,
                anonymousId, event, name, previousId, groupId, traits, properties, context,
                ClockSkew.correct(timestamp, sentAt, receivedAt), timestamp, receivedAt);
    }

    /** Reads a timestamp of a call or of the batch envelope, such as its {@code sentAt}. */
    Instant instant(ParsedCall call, String path, String field) {
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

    /** Reads the {@code context} of a call or of the batch envelope; an absent field gives an empty context. */
    CallContext context(ParsedCall call, String path) {
        if (call.context() != null) {
            return call.context();
        }
        // Records the error when the context is not an object.
        object(call, path, "context", null);
        return CallContext.EMPTY;
    }

    /**
     * Returns the object that the reader copied for {@code field}, or an empty object when the
     * field is absent or null. Any other value is invalid.
     */
    private CompactObject object(ParsedCall call, String path, String field, CompactObject copied) {
        if (copied != null) {
            return copied;
        }
        JsonNode value = call.get(field);
        if (value != null && !value.isNull()) {
            invalid(path + field, value, "Must be a JSON object");
        }
        return CompactObject.EMPTY;
    }

    /**
     * Reads an id, which SDKs send as a string and some as a number; blank counts as absent. A
     * number with a zero fraction ({@code 17850.0}, as spreadsheets and pandas write ids) becomes
     * the whole number, and a number with a real fraction is rejected. A string is kept as sent.
     */
    private String id(ParsedCall call, String path, String field) {
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

    private String required(CallType type, ParsedCall call, String path, String field) {
        String value = id(call, path, field);
        if (value == null && !hasError(path + field)) {
            errors.add(new InvalidField(path + field, null, "Missing " + field + ", which every " + type.jsonName()
                    + " call requires"));
        }
        return value;
    }

    private String text(ParsedCall call, String path, String field) {
        JsonNode value = call.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            return invalid(path + field, value, "Must be a string");
        }
        return value.asText();
    }

    /**
     * Returns the batch's context with the call's top-level fields set over it. Only this case
     * builds trees, and only when both contexts have fields.
     */
    private CallContext merge(CallContext batchContext, CallContext callContext) {
        if (batchContext == null || batchContext.json().isEmpty()) {
            return callContext;
        }
        if (callContext.json().isEmpty()) {
            return batchContext;
        }
        try {
            ObjectNode merged = (ObjectNode) tree(batchContext.json());
            merged.setAll((ObjectNode) tree(callContext.json()));
            return CallContext.of(copy.write(merged), merged);
        } catch (IOException e) {
            throw new UncheckedIOException("Merging a batch context with a call's failed", e);
        }
    }

    private JsonNode tree(CompactObject object) throws IOException {
        return objectMapper.readTree(object.array(), object.offset(), object.length());
    }

    private boolean hasError(String field) {
        return errors.stream().anyMatch(error -> error.field().equals(field));
    }

    private <T> T invalid(String field, Object value, String message) {
        errors.add(new InvalidField(field, value instanceof JsonNode node ? node.toString() : value, message));
        return null;
    }
}
