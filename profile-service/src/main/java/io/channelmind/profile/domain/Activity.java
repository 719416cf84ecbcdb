package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One applied event that event windows count: its kind ({@code purchase}, {@code return},
 * {@code cancellation} or {@code contact}), time and value (the purchase amount, or the absolute
 * amount returned or cancelled; null when the event has none).
 */
public record Activity(String profileKey, String eventId, String kind, Instant occurredAt, BigDecimal value) {

    /** Returns the activity of a customer event applied to {@code profileKey}, or null for other types. */
    public static Activity of(String profileKey, CustomerEvent event) {
        BigDecimal value = event.value();
        String kind = switch (event.type()) {
            case CustomerEvent.CONTACT -> "contact";
            case CustomerEvent.CONVERSION -> value != null && value.signum() < 0 ? "return" : "purchase";
            case CustomerEvent.CANCELLATION -> "cancellation";
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        return new Activity(profileKey, event.eventId(), kind, event.occurredAt(), value == null ? null : value.abs());
    }
}
