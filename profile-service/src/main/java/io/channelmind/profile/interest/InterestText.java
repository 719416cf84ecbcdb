package io.channelmind.profile.interest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.channelmind.profile.domain.CustomerEvent;

/**
 * A text that shows what a customer is interested in, with the weight it adds to the profile's
 * interest vector. {@link #of(CustomerEvent)} picks the texts from an event (see the interests
 * section of docs/profiles.md):
 * <ul>
 * <li>a purchase, a {@code conversion} whose value is not negative: {@code traits.productName}
 * and {@code traits.description}, {@code productName}, {@code name} and {@code description} of
 * {@code properties} and of each entry of {@code properties.products}, weight 1;</li>
 * <li>a {@code track} call whose name contains "search": {@code properties.query}, weight 0.5;</li>
 * <li>a {@code track} call whose name contains "survey": {@code properties.answer},
 * {@code properties.answers} (a string or a list of strings) and {@code properties.comment},
 * weight 1;</li>
 * <li>any other {@code track} call, such as {@code Product Viewed}: the product name and
 * description in {@code properties}, weight 0.3.</li>
 * </ul>
 * Returns and cancellations add nothing. Texts are trimmed and cut to {@link #MAX_LENGTH}
 * characters, because both models read at most 512 tokens.
 */
public record InterestText(String text, double weight) {

    public static final double PURCHASE_WEIGHT = 1.0;
    public static final double SEARCH_WEIGHT = 0.5;
    public static final double SURVEY_WEIGHT = 1.0;
    public static final double VIEW_WEIGHT = 0.3;
    static final int MAX_LENGTH = 512;

    // Only properties use "name" for the product, because an imported event's traits may name the customer.
    private static final List<String> TRAIT_FIELDS = List.of("productName", "description");
    private static final List<String> PROPERTY_FIELDS = List.of("productName", "name", "description");

    /** Returns the interest texts of the event, empty when it has none. */
    public static List<InterestText> of(CustomerEvent event) {
        List<InterestText> texts = new ArrayList<>();
        if (CustomerEvent.CONVERSION.equals(event.type())) {
            if (event.value() == null || event.value().signum() >= 0) {
                add(texts, event.traits(), TRAIT_FIELDS, PURCHASE_WEIGHT);
                add(texts, event.properties(), PROPERTY_FIELDS, PURCHASE_WEIGHT);
                if (event.properties() != null && event.properties().get("products") instanceof Collection<?> products) {
                    for (Object product : products) {
                        if (product instanceof Map<?, ?> fields) {
                            add(texts, fields, PROPERTY_FIELDS, PURCHASE_WEIGHT);
                        }
                    }
                }
            }
        } else if (CustomerEvent.TRACK.equals(event.type()) && event.properties() != null) {
            String name = event.event() == null ? "" : event.event().toLowerCase(Locale.ROOT);
            Map<String, Object> properties = event.properties();
            if (name.contains("search")) {
                add(texts, properties.get("query"), SEARCH_WEIGHT);
            } else if (name.contains("survey")) {
                add(texts, properties.get("answer"), SURVEY_WEIGHT);
                add(texts, properties.get("answers"), SURVEY_WEIGHT);
                add(texts, properties.get("comment"), SURVEY_WEIGHT);
            } else {
                add(texts, properties, PROPERTY_FIELDS, VIEW_WEIGHT);
            }
        }
        return texts;
    }

    private static void add(List<InterestText> texts, Map<?, ?> fields, List<String> names, double weight) {
        if (fields == null) {
            return;
        }
        for (String field : names) {
            add(texts, fields.get(field), weight);
        }
    }

    private static void add(List<InterestText> texts, Object value, double weight) {
        if (value instanceof Collection<?> values) {
            values.forEach(item -> add(texts, item, weight));
        } else if (value instanceof String text && !text.isBlank()) {
            String trimmed = text.strip();
            texts.add(new InterestText(trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed,
                    weight));
        }
    }
}
