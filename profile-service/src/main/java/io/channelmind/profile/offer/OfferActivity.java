package io.channelmind.profile.offer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.channelmind.profile.domain.CustomerEvent;

/**
 * One thing a profile did with an offer or a category, read from a customer event:
 * <ul>
 * <li>{@code purchase}: a {@code conversion} whose value is not negative;</li>
 * <li>{@code return}: a {@code conversion} with a negative value, or a {@code cancellation};</li>
 * <li>{@code view}: a {@code track} call whose name contains "viewed" or "clicked", such as
 * {@code Product Viewed};</li>
 * <li>{@code completion}: a {@code track} call named {@code Course Completed}.</li>
 * </ul>
 * The offer id is the first of {@link #ID_FIELDS} present in the event's traits (imports) or
 * properties (tracking calls), and each entry of {@code properties.products} is an item of its own.
 * An item without an offer id or a {@code category} is skipped.
 *
 * @param item the position of the item in its event, so one event can name several products
 */
public record OfferActivity(String profileKey, String eventId, int item, String kind, String offerId, String category,
        Instant occurredAt) {

    public static final String PURCHASE = "purchase";
    public static final String RETURN = "return";
    public static final String VIEW = "view";
    public static final String COMPLETION = "completion";

    /** Fields that may contain the offer id, in the order they are tried. */
    static final List<String> ID_FIELDS = List.of("offerId", "offer_id", "productId", "product_id", "courseId",
            "course_id", "sku", "stockCode");

    /** Returns the activity rows of an event applied to {@code profileKey}, empty when it names no offer or category. */
    public static List<OfferActivity> of(String profileKey, CustomerEvent event) {
        String kind = kindOf(event);
        if (kind == null) {
            return List.of();
        }
        List<Map<?, ?>> items = new ArrayList<>();
        if (event.traits() != null) {
            items.add(event.traits());
        }
        if (event.properties() != null) {
            items.add(event.properties());
            if (event.properties().get("products") instanceof Collection<?> products) {
                for (Object product : products) {
                    if (product instanceof Map<?, ?> fields) {
                        items.add(fields);
                    }
                }
            }
        }
        List<OfferActivity> activities = new ArrayList<>();
        for (Map<?, ?> fields : items) {
            String offerId = firstText(fields, ID_FIELDS);
            String category = firstText(fields, List.of("category"));
            if (offerId != null || category != null) {
                activities.add(new OfferActivity(profileKey, event.eventId(), activities.size(), kind, offerId, category,
                        event.occurredAt()));
            }
        }
        return activities;
    }

    private static String kindOf(CustomerEvent event) {
        if (CustomerEvent.CONVERSION.equals(event.type())) {
            return event.value() != null && event.value().signum() < 0 ? RETURN : PURCHASE;
        }
        if (CustomerEvent.CANCELLATION.equals(event.type())) {
            return RETURN;
        }
        if (CustomerEvent.TRACK.equals(event.type()) && event.event() != null) {
            String name = event.event().toLowerCase(Locale.ROOT);
            if (name.equals("course completed")) {
                return COMPLETION;
            }
            if (name.contains("viewed") || name.contains("clicked")) {
                return VIEW;
            }
        }
        return null;
    }

    private static String firstText(Map<?, ?> fields, List<String> names) {
        for (String name : names) {
            Object value = fields.get(name);
            if (value instanceof String text && !text.isBlank()) {
                return text.strip();
            }
            if (value instanceof Number number) {
                return number.toString();
            }
        }
        return null;
    }
}
