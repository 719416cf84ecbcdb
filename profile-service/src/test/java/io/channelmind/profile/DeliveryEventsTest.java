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
    void outcomesAreCountedPerChannel() {
        String ns = TestEvents.namespace();
        String key = ns + ":a";
        String channel = "email-" + ns;
        sendCustomerEvents(List.of(contact(key, Instant.parse("2024-05-01T08:00:00Z"), channel)));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);
        Map<String, Object> opened = delivery(key, channel, "opened");

        TestEvents.send(Topics.DELIVERIES, List.of(delivery(key, channel), delivery(key, channel),
                delivery(key, channel), delivery(key, channel, "bounced"), opened, opened,
                delivery(key, channel, "opened"), delivery(key, channel, "clicked"),
                delivery(key, channel, "converted"), delivery(key, channel, "unknown-status")));
        JsonPath stats = ProfileEventsTest.awaitProfile(key, "channels[0].converted", 1).setRootPath("channels[0]");

        assertEquals(4, stats.getInt("sent"), "three delivered and one bounced");
        assertEquals(3, stats.getInt("delivered"));
        assertEquals(2, stats.getInt("opened"), "the repeated open counts once");
        assertEquals(1, stats.getInt("clicked"));
        assertEquals(1, stats.getInt("converted"));
        // The only profile on this channel, so its population rates are its own: 2/3 opens per
        // delivery, smoothed to (2 + 20 * 2/3) / (3 + 20) = 2/3.
        assertEquals(2.0 / 3, stats.getDouble("openRate"), 1e-6);
        assertEquals(1.0 / 3, stats.getDouble("clickRate"), 1e-6);
        assertEquals(1.0 / 3, stats.getDouble("conversionRate"), 1e-6);
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
