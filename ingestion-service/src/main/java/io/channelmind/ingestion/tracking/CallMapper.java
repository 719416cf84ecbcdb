package io.channelmind.ingestion.tracking;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.ingestion.cleaning.TrackingCleaning;
import io.channelmind.ingestion.domain.EventIds;
import io.channelmind.ingestion.messaging.CustomerEvent;
import io.channelmind.ingestion.messaging.EventSource;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.Topics;

/**
 * Turns a tracking call into one {@code cm.customer-events} message; docs/events.md lists the
 * rules. The profile key is {@code <source name>:<userId, or anonymousId when there is none>}.
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
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ObjectMapper objectMapper;
    private final TrackingCleaning cleaning;

    CallMapper(ObjectMapper objectMapper, TrackingCleaning cleaning) {
        this.objectMapper = objectMapper;
        this.cleaning = cleaning;
    }

    OutboundMessage toMessage(String sourceName, TrackingCall call) {
        String profileKey = sourceName + ":" + call.identity();
        String type = eventType(call);
        BigDecimal value = "conversion".equals(type) ? orderValue(call.properties()) : null;
        String currency = value == null ? null : currency(call.properties());
        Map<String, Object> traits = call.type() == CallType.IDENTIFY
                ? cleaning.cleanTraits(objectMapper.convertValue(call.traits(), MAP)) : Map.of();
        // NOTE: group traits describe the group, not the customer, so they travel as properties.
        JsonNode properties = call.type() == CallType.GROUP ? call.traits() : call.properties();

        CustomerEvent event = new CustomerEvent(
                CustomerEvent.SCHEMA_VERSION,
                EventIds.trackingCall(sourceName, call.messageId()),
                type,
                profileKey,
                call.occurredAt(),
                "contact".equals(type) ? CONTACT_CHANNELS.get(normalise(call.event())) : cleaning.channel(call.context()),
                text(call.context().path("campaign").path("name")),
                value,
                currency,
                traits,
                EventSource.ofTracking(sourceName, call.messageId()),
                call.userId(),
                call.anonymousId(),
                call.event(),
                call.name(),
                properties.isEmpty() ? null : properties,
                call.previousId(),
                call.groupId(),
                call.originalTimestamp(),
                call.receivedAt(),
                call.context().isEmpty() ? null : call.context(),
                null,
                null);
        return new OutboundMessage(Topics.CUSTOMER_EVENTS, profileKey, event);
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

    /** Lower-cases and reads underscores as spaces, so {@code Order Completed} and {@code order_completed} match. */
    static String normalise(String eventName) {
        return WHITESPACE.matcher(eventName.trim().replace('_', ' ')).replaceAll(" ").toLowerCase(Locale.ROOT);
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
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
