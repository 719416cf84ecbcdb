package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.delivery;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class DeliveryEventsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void deliveriesIncrementSentOnce() {
        String key = TestEvents.namespace() + ":a";
        sendCustomerEvents(List.of(contact(key, Instant.parse("2024-05-01T08:00:00Z"), "email")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);
        Map<String, Object> first = delivery(key, "email");

        TestEvents.send(Topics.DELIVERIES, List.of(first, delivery(key, "email"), delivery(key, "sms"), first));
        JsonPath profile = ProfileEventsTest.awaitProfile(key, "channels.find { it.channel == 'sms' }.sent", 1);

        assertEquals(2, profile.getInt("channels.find { it.channel == 'email' }.sent"));
        assertEquals(1, profile.getInt("channels.find { it.channel == 'email' }.contacts"));
        assertEquals(0, profile.getInt("channels.find { it.channel == 'sms' }.contacts"));
        assertEquals(1, profile.getInt("contacts"), "deliveries do not count as contacts");
    }

    @Test
    void deliveryToUnknownProfileIsSkipped() {
        String key = TestEvents.namespace() + ":a";
        long before = when().get("/api/v1/stats").jsonPath().getLong("deliveriesConsumed");

        TestEvents.send(Topics.DELIVERIES, List.of(delivery(key, "email")));

        await().atMost(TIMEOUT).untilAsserted(() -> assertTrue(
                when().get("/api/v1/stats").jsonPath().getLong("deliveriesConsumed") > before));
        when().get("/api/v1/profiles/{key}", key).then().statusCode(404);
    }
}
