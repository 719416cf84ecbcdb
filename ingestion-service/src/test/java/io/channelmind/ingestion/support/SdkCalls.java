package io.channelmind.ingestion.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Tracking.CreatedSource;

/**
 * The calls that every SDK test sends (identify, an Order Completed track, page and alias, all
 * with messageIds that start with one prefix) and the checks that each arrived once with its
 * fields intact.
 */
public final class SdkCalls {

    public static final String EMAIL = "sdk@example.com";
    public static final Map<String, Object> TRAITS = Map.of("email", EMAIL, "firstName", "Grace");
    public static final String ORDER_EVENT = "Order Completed";
    public static final Map<String, Object> ORDER_PROPERTIES = Map.of("revenue", 42.5, "currency", "USD");
    public static final String PAGE_NAME = "Home";

    private SdkCalls() {
    }

    public static String userId(String prefix) {
        return prefix + "-user";
    }

    public static String anonymousId(String prefix) {
        return prefix + "-anon";
    }

    /** Returns the messageId of the call type ({@code identify}, {@code order}, {@code page}, {@code alias}). */
    public static String messageId(String prefix, String call) {
        return prefix + "-" + call;
    }

    /**
     * Asserts that the source published exactly the four calls of {@code prefix}, each once,
     * with the fields the SDK sent.
     */
    public static void assertArrivedOnce(CreatedSource source, String prefix, String libraryName) {
        JsonNode identify = source.event(messageId(prefix, "identify"));
        JsonNode order = source.event(messageId(prefix, "order"));
        JsonNode page = source.event(messageId(prefix, "page"));
        JsonNode alias = source.event(messageId(prefix, "alias"));

        assertEquals(4, source.events().size());
        assertEquals("identify", identify.path("type").asText());
        assertEquals(source.name() + ":" + userId(prefix), identify.path("profileKey").asText());
        assertEquals(EMAIL, identify.path("traits").path("email").asText());
        assertEquals("Grace", identify.path("traits").path("firstName").asText());
        assertEquals("conversion", order.path("type").asText());
        assertEquals(ORDER_EVENT, order.path("event").asText());
        assertEquals(0, order.path("value").decimalValue().compareTo(new BigDecimal("42.5")));
        assertEquals("USD", order.path("currency").asText());
        assertEquals("page", page.path("type").asText());
        assertEquals(PAGE_NAME, page.path("name").asText());
        assertEquals(source.name() + ":" + anonymousId(prefix), page.path("profileKey").asText());
        assertEquals("alias", alias.path("type").asText());
        assertEquals(anonymousId(prefix), alias.path("previousId").asText());
        assertEquals(userId(prefix), alias.path("userId").asText());
        assertEquals(libraryName, identify.path("context").path("library").path("name").asText());
    }
}
