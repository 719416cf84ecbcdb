package io.channelmind.profile.interest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.domain.CustomerEvent;

class InterestTextTest {

    @Test
    void purchaseReadsTraitsAndProducts() {
        CustomerEvent purchase = event(CustomerEvent.CONVERSION, null, BigDecimal.TEN,
                Map.of("description", "JUMBO BAG RED RETROSPOT", "name", "Ana"),
                Map.of("products", List.of(Map.of("name", "Camping stove"), Map.of("sku", "x-1"))));

        assertEquals(List.of(new InterestText("JUMBO BAG RED RETROSPOT", 1.0), new InterestText("Camping stove", 1.0)),
                InterestText.of(purchase));
    }

    @Test
    void returnAddsNothing() {
        CustomerEvent returned = event(CustomerEvent.CONVERSION, null, BigDecimal.valueOf(-5),
                Map.of("description", "JUMBO BAG RED RETROSPOT"), null);

        assertEquals(List.of(), InterestText.of(returned));
    }

    @Test
    void trackCallsByName() {
        assertEquals(List.of(new InterestText("trail running shoes", InterestText.SEARCH_WEIGHT)),
                InterestText.of(event(CustomerEvent.TRACK, "Products Searched", null, null,
                        Map.of("query", " trail running shoes "))));
        assertEquals(List.of(new InterestText("我喜欢露营", 1.0), new InterestText("hiking", 1.0)),
                InterestText.of(event(CustomerEvent.TRACK, "Survey Answered", null, null,
                        Map.of("answers", List.of("我喜欢露营", "hiking", 3)))));
        assertEquals(List.of(new InterestText("Tent", InterestText.VIEW_WEIGHT)),
                InterestText.of(event(CustomerEvent.TRACK, "Product Viewed", null, null, Map.of("name", "Tent"))));
        assertEquals(List.of(), InterestText.of(event(CustomerEvent.TRACK, "Button Clicked", null, null,
                Map.of("color", "blue"))));
    }

    @Test
    void longTextIsCut() {
        String text = "a".repeat(InterestText.MAX_LENGTH + 10);
        List<InterestText> texts = InterestText.of(event(CustomerEvent.CONVERSION, null, null,
                Map.of("productName", text), null));

        assertEquals(InterestText.MAX_LENGTH, texts.get(0).text().length());
    }

    private static CustomerEvent event(String type, String name, BigDecimal value, Map<String, Object> traits,
            Map<String, Object> properties) {
        return new CustomerEvent(1, "e-1", type, "demo:c-1", Instant.EPOCH, null, null, value, null, traits, null,
                null, null, null, name, properties);
    }
}
