package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.identify;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.SecretKeyEncryptionKey;
import io.channelmind.web.crypto.TopicSealer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Sends identify events whose names and contact points are encrypted as ingestion-service
 * encrypts them, under the key-encryption key of this service. The profile gets the clear values,
 * and a changed or moved value skips the event without stopping the consumer.
 */
@QuarkusTest
class SealedTraitsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final String TOPIC = "cm.customer-events";

    @Inject
    MeterRegistry registry;

    private final TopicSealer sealer = new TopicSealer(new SecretKeyEncryptionKey(
            ConfigProvider.getConfig().getValue(SecretKeyEncryptionKey.PROPERTY, String.class), List.of()),
            Duration.ofHours(1), Clock.systemUTC());

    @Test
    void sealedTraitsReachProfile() {
        String key = TestEvents.namespace() + ":sealed";
        Map<String, Object> event = sealedIdentify(key, Map.of("email", "sealed.ann@example.com",
                "phone", "+447900000124", "firstName", "Annabel"));

        sendCustomerEvents(List.of(event, contact(key, T0.plusSeconds(60), "email")));

        JsonPath profile = ProfileEventsTest.awaitProfile(key, "contacts", 1);
        assertEquals("sealed.ann@example.com", profile.getString("email"));
        assertEquals("+447900000124", profile.getString("phone"));
        assertEquals("Annabel", profile.getString("firstName"));
    }

    @Test
    void movedValueSkipsEvent() {
        String key = TestEvents.namespace() + ":moved";
        Map<String, Object> tampered = sealedIdentify(key, Map.of("email", "moved@example.com",
                "phone", "+447900000125"));
        SealedTraits sealed = (SealedTraits) tampered.get("sealedTraits");
        Map<String, String> swapped = new LinkedHashMap<>(sealed.traits());
        swapped.put("email", sealed.traits().get("phone"));
        swapped.put("phone", sealed.traits().get("email"));
        tampered.put("sealedTraits", new SealedTraits(sealed.version(), sealed.kekId(), sealed.keyId(),
                sealed.wrappedKey(), swapped));
        double before = undecryptable();

        sendCustomerEvents(List.of(tampered, contact(key, T0.plusSeconds(60), "email")));

        JsonPath profile = ProfileEventsTest.awaitProfile(key, "contacts", 1);
        assertNull(profile.getString("email"), "the tampered identify event is not applied");
        assertNull(profile.getString("phone"));
        assertEquals(before + 1, undecryptable());
    }

    @Test
    void valueFromOtherEventSkipsEvent() {
        String key = TestEvents.namespace() + ":copied";
        Map<String, Object> original = sealedIdentify(key, Map.of("email", "copied@example.com"));
        Map<String, Object> copy = identify(key, T0, Map.of("plan", "pro"));
        copy.put("sealedTraits", original.get("sealedTraits"));
        double before = undecryptable();

        sendCustomerEvents(List.of(copy, contact(key, T0.plusSeconds(60), "email")));

        JsonPath profile = ProfileEventsTest.awaitProfile(key, "contacts", 1);
        assertNull(profile.getString("email"));
        assertEquals(before + 1, undecryptable());
        given().get("/q/health/live").then().statusCode(200);
    }

    private Map<String, Object> sealedIdentify(String key, Map<String, String> personal) {
        Map<String, Object> event = identify(key, T0, Map.of("plan", "pro"));
        event.put("sealedTraits", sealer.seal(TOPIC, (String) event.get("eventId"), personal));
        return event;
    }

    private double undecryptable() {
        var counter = registry.find("channelmind.profile.events").tag("topic", TOPIC).tag("outcome", "undecryptable")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
