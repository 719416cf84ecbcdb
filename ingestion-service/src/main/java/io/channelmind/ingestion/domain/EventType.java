package io.channelmind.ingestion.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of message a mapped row produces. {@code identify}, {@code contact}, {@code conversion}
 * and {@code cancellation} (a cancelled order or a return) go to the customer-events topic,
 * {@code spend} to the spend topic and {@code offer} (one offer of a catalogue) to the offers topic.
 */
public enum EventType {

    IDENTIFY("identify"),
    CONTACT("contact"),
    CONVERSION("conversion"),
    CANCELLATION("cancellation"),
    SPEND("spend"),
    OFFER("offer");

    private final String jsonName;

    EventType(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    public boolean isCustomerEvent() {
        return this != SPEND && this != OFFER;
    }

    @JsonCreator
    public static EventType fromJson(String name) {
        return Arrays.stream(values())
                .filter(type -> type.jsonName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + name + "'; use one of: "
                        + Arrays.stream(values()).map(EventType::jsonName).collect(Collectors.joining(", "))));
    }
}
