package io.channelmind.ingestion.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.channelmind.ingestion.cleaning.TrackingCleaning;
import io.channelmind.ingestion.domain.EventIds;
import io.channelmind.ingestion.domain.IsoInstants;
import io.channelmind.ingestion.messaging.CustomerEvent;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.PersonalTraits;
import io.channelmind.ingestion.messaging.Topics;

/**
 * Turns tracking calls into {@code cm.customer-events} messages; docs/events.md lists the rules.
 * The profile key is {@code <source name>:<userId, or anonymousId when there is none>}. Each
 * message's payload is the event's JSON, written in one streaming pass with the same fields,
 * order and text as Jackson writes a {@link CustomerEvent}. The call's JSON objects are copied
 * into it as the request's reader compacted them.
 */
final class CallMapper {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Event names of Segment's e-commerce spec that are conversions, in normalised form (see {@link #normalise}). */
    private static final String ORDER_COMPLETED = "order completed";
    /** Event names of Segment's e-mail and mobile specs that say a channel reached the customer, with that channel. */
    private static final Map<String, String> CONTACT_CHANNELS = Map.of(
            "email delivered", "email",
            "push notification received", "push");
    /** Properties that carry an order's value, in order of preference, as in Segment's e-commerce spec. */
    private static final String[] VALUE_PROPERTIES = {"revenue", "total", "value"};

    private final ObjectMapper objectMapper;
    private final TrackingCleaning cleaning;
    private final PersonalTraits personalTraits;

    CallMapper(ObjectMapper objectMapper, TrackingCleaning cleaning, PersonalTraits personalTraits) {
        this.objectMapper = objectMapper;
        this.cleaning = cleaning;
        this.personalTraits = personalTraits;
    }

    /** Returns one message per call, in the order of {@code calls}. */
    List<OutboundMessage> toMessages(String sourceName, List<TrackingCall> calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        List<OutboundMessage> messages = new ArrayList<>(calls.size());
        RequestState request = new RequestState();
        try (JsonGenerator json = objectMapper.createGenerator(out)) {
            // Each event is a root value, and the default separator between them is a space.
            json.setRootValueSeparator(null);
            for (TrackingCall call : calls) {
                String profileKey = sourceName + ":" + call.identity();
                writeEvent(json, sourceName, profileKey, call, request);
                json.flush();
                messages.add(new OutboundMessage(Topics.CUSTOMER_EVENTS, profileKey, out.toByteArray()));
                out.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a customer event failed", e);
        }
        return messages;
    }

    /** Writes the fields of {@link CustomerEvent} in its order; the tracking fields only when they have a value. */
    private void writeEvent(JsonGenerator json, String sourceName, String profileKey, TrackingCall call,
            RequestState request) throws IOException {
        String type = request.eventType(call);
        JsonNode orderProperties = "conversion".equals(type) ? tree(call.properties()) : null;
        BigDecimal value = orderProperties == null ? null : orderValue(orderProperties);
        String currency = value == null ? null : currency(orderProperties);
        CallContext context = call.context();
        String eventId = EventIds.trackingCall(sourceName, call.messageId());
        PersonalTraits.Split traits = call.type() == CallType.IDENTIFY
                ? personalTraits.split(eventId, cleaning.cleanTraits(objectMapper.readValue(call.traits().array(),
                        call.traits().offset(), call.traits().length(), MAP)))
                : null;

        json.writeStartObject();
        json.writeFieldName(EventFields.SCHEMA_VERSION);
        json.writeNumber(CustomerEvent.SCHEMA_VERSION);
        writeString(json, EventFields.EVENT_ID, eventId);
        writeString(json, EventFields.TYPE, type);
        writeString(json, EventFields.PROFILE_KEY, profileKey);
        writeString(json, EventFields.OCCURRED_AT, request.format(call.occurredAt()));
        writeString(json, EventFields.CHANNEL, "contact".equals(type) ? CONTACT_CHANNELS.get(normalise(call.event()))
                : cleaning.channel(context.campaignSource(), context.campaignMedium(), context.pageReferrer(),
                        context.pageUrl()));
        writeString(json, EventFields.CAMPAIGN, nonBlank(context.campaignName()));
        json.writeFieldName(EventFields.VALUE);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
        writeString(json, EventFields.CURRENCY, currency);
        json.writeFieldName(EventFields.TRAITS);
        if (traits != null) {
            json.writeObject(traits.traits());
        } else {
            json.writeStartObject();
            json.writeEndObject();
        }
        writeSource(json, sourceName, call.messageId());
        writeOptional(json, EventFields.USER_ID, call.userId());
        writeOptional(json, EventFields.ANONYMOUS_ID, call.anonymousId());
        writeOptional(json, EventFields.EVENT, call.event());
        writeOptional(json, EventFields.NAME, call.name());
        // NOTE: group traits describe the group, not the customer, so they travel as properties.
        writeOptional(json, EventFields.PROPERTIES, call.type() == CallType.GROUP ? call.traits() : call.properties());
        writeOptional(json, EventFields.PREVIOUS_ID, call.previousId());
        writeOptional(json, EventFields.GROUP_ID, call.groupId());
        if (call.originalTimestamp() != null) {
            writeString(json, EventFields.ORIGINAL_TIMESTAMP, request.format(call.originalTimestamp()));
        }
        writeString(json, EventFields.RECEIVED_AT, request.format(call.receivedAt()));
        writeContext(json, context);
        if (traits != null && traits.sealed() != null) {
            json.writeFieldName(EventFields.SEALED_TRAITS);
            json.writeObject(traits.sealed());
        }
        json.writeEndObject();
    }

    /**
     * Writes {@code context} without its top-level {@code ip}, because an IP address can identify
     * a person and no consumer needs it. A hash would not hide it: the 2^32 IPv4 addresses are
     * few enough to hash them all. Only a context with a top-level {@code ip} is parsed.
     */
    private void writeContext(JsonGenerator json, CallContext context) throws IOException {
        if (context.json().isEmpty()) {
            return;
        }
        if (!context.containsIp()) {
            writeOptional(json, EventFields.CONTEXT, context.json());
            return;
        }
        JsonNode tree = tree(context.json());
        if (tree instanceof ObjectNode object) {
            object.remove("ip");
        }
        if (!tree.isEmpty()) {
            json.writeFieldName(EventFields.CONTEXT);
            json.writeTree(tree);
        }
    }

    /** Writes {@code source} as Jackson writes {@link io.channelmind.ingestion.messaging.EventSource#ofTracking}. */
    private static void writeSource(JsonGenerator json, String sourceName, String messageId) throws IOException {
        json.writeFieldName(EventFields.SOURCE);
        json.writeStartObject();
        writeString(json, EventFields.KIND, "tracking");
        writeString(json, EventFields.NAME, sourceName);
        writeString(json, EventFields.MESSAGE_ID, messageId);
        json.writeEndObject();
    }

    /** Writes a field whose value is a string, or null. */
    private static void writeString(JsonGenerator json, SerializedString field, String value) throws IOException {
        json.writeFieldName(field);
        json.writeString(value);
    }

    private static void writeOptional(JsonGenerator json, SerializedString field, String value) throws IOException {
        if (value != null) {
            writeString(json, field, value);
        }
    }

    private static void writeOptional(JsonGenerator json, SerializedString field, CompactObject value)
            throws IOException {
        if (!value.isEmpty()) {
            json.writeFieldName(field);
            value.writeTo(json);
        }
    }

    /**
     * Keeps the last instant and event name of one request with their results. All calls of a
     * request share the receive time, and the calls of a batch often share a timestamp and an
     * event name, so most calls reuse the text or type of the call before.
     */
    private static final class RequestState {

        private Instant lastInstant;
        private String lastInstantText;
        private String lastEventName;
        private String lastEventType;

        String format(Instant instant) {
            if (!instant.equals(lastInstant)) {
                lastInstantText = IsoInstants.format(instant);
                lastInstant = instant;
            }
            return lastInstantText;
        }

        String eventType(TrackingCall call) {
            if (call.type() != CallType.TRACK) {
                return call.type().jsonName();
            }
            if (!call.event().equals(lastEventName)) {
                lastEventType = CallMapper.eventType(call);
                lastEventName = call.event();
            }
            return lastEventType;
        }
    }

    private JsonNode tree(CompactObject object) throws IOException {
        return objectMapper.readTree(object.array(), object.offset(), object.length());
    }

    /** Returns the {@code type} of the customer event: the call type, except for track calls of the rules above. */
    static String eventType(TrackingCall call) {
        if (call.type() != CallType.TRACK) {
            return call.type().jsonName();
        }
        String name = normalise(call.event());
        if (ORDER_COMPLETED.equals(name)) {
            return "conversion";
        }
        return CONTACT_CHANNELS.containsKey(name) ? "contact" : "track";
    }

    /** Lower-cases, reads underscores as spaces and each run of whitespace as one space, so {@code Order Completed} and {@code order_completed} match. */
    static String normalise(String eventName) {
        String trimmed = eventName.trim();
        StringBuilder text = new StringBuilder(trimmed.length());
        boolean inSpace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '_' || isRegexWhitespace(c)) {
                if (!inSpace) {
                    text.append(' ');
                }
                inSpace = true;
            } else {
                text.append(c);
                inSpace = false;
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** Returns whether {@code c} is one that the regular expression {@code \s} matches without the Unicode flag. */
    private static boolean isRegexWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static BigDecimal orderValue(JsonNode properties) {
        for (String name : VALUE_PROPERTIES) {
            JsonNode value = properties.get(name);
            if (value != null && value.isNumber()) {
                return value.decimalValue();
            }
            if (value != null && value.isTextual()) {
                try {
                    return new BigDecimal(value.asText().trim());
                } catch (NumberFormatException e) {
                    // Not a number, so the next property may carry the value.
                }
            }
        }
        return null;
    }

    private static String currency(JsonNode properties) {
        String currency = text(properties.path("currency"));
        return currency == null ? null : currency.trim().toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? nonBlank(value.asText()) : null;
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
