package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.delivery;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConsentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    @Test
    void bounceMarksDoNotContact() {
        String key = TestEvents.namespace() + ":a";
        sendCustomerEvents(List.of(contact(key, T0, "email")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);
        Map<String, Object> bounce = withStatus(delivery(key, "email"), "bounced");

        TestEvents.send(Topics.DELIVERIES, List.of(withStatus(delivery(key, "email"), "opened"), bounce, bounce));
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/v1/profiles/{key}/consent", key)
                .then().statusCode(200).body("doNotContact.reason", equalTo("bounced")));

        List<TestEvents.Received> changes = TestEvents.readAll(Topics.CONSENT_CHANGES, Duration.ofSeconds(2)).stream()
                .filter(record -> key.equals(record.key()))
                .toList();
        assertEquals(1, changes.size(), "a replayed bounce changes nothing");
        assertEquals("bounced", changes.get(0).value().get("reason").asText());
        assertEquals("email", changes.get(0).value().get("channel").asText());
        assertEquals(true, changes.get(0).value().get("doNotContact").asBoolean());
    }

    @Test
    void unmarkedProfileMayBeContacted() {
        String key = TestEvents.namespace() + ":a";
        sendCustomerEvents(List.of(contact(key, T0, "email")));
        ProfileEventsTest.awaitProfile(key, "contacts", 1);

        assertNull(when().get("/api/v1/profiles/{key}/consent", key).jsonPath().get("doNotContact"));
        when().get("/api/v1/profiles/{key}/consent", TestEvents.namespace() + ":missing").then().statusCode(404);
    }

    private static Map<String, Object> withStatus(Map<String, Object> delivery, String status) {
        delivery.put("status", status);
        return delivery;
    }
}
