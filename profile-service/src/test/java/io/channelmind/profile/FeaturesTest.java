package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.conversion;
import static io.channelmind.profile.TestEvents.event;
import static io.channelmind.profile.TestEvents.identify;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.DeliveryEvent;
import io.channelmind.profile.service.CustomerEventBatch;
import io.channelmind.profile.service.CustomerEventService;
import io.channelmind.profile.service.DeliveryService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class FeaturesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // A Wednesday; 02:00 UTC is 10:00 in Shanghai.
    private static final Instant T0 = Instant.parse("2024-05-01T02:00:00Z");

    @Inject
    CustomerEventService service;

    @Inject
    DeliveryService deliveryService;

    @Inject
    ObjectMapper mapper;

    @Test
    void cancellationsAndReturnsAreNetted() {
        String key = TestEvents.namespace() + ":c-1";

        apply(List.of(
                identify(key, T0.minusSeconds(60), Map.of("timeZone", "Asia/Shanghai")),
                contact(key, T0.plusSeconds(3600), "sms"),
                contact(key, T0.minusSeconds(30), "email"),
                conversion(key, T0, "email", 100),
                conversion(key, T0.plus(Duration.ofDays(1)), "email", 60),
                conversion(key, T0.plus(Duration.ofDays(2)), "email", -30),
                event("cancellation", key, T0.plus(Duration.ofDays(3)), null, 50, Map.of())));
        JsonPath features = JsonPath.from(when().get("/api/v1/profiles/{key}", key).asString()).setRootPath("features");

        assertEquals(2, features.getInt("purchases"));
        assertEquals(1, features.getInt("returns"));
        assertEquals(1, features.getInt("cancellations"));
        assertEquals(1, features.getInt("frequency"), "two purchases, one cancelled");
        assertEquals(80.0f, features.getFloat("monetary"), "100 + 60 - 30 returned - 50 cancelled");
        assertEquals(T0.plus(Duration.ofDays(1)).toString(), features.getString("lastPurchaseAt"));
        assertEquals("email", features.getString("firstChannel"), "the earliest contact by occurredAt");
        assertEquals("sms", features.getString("lastChannel"));
        assertEquals(10, features.getInt("preferredHour"), "10:00 in Shanghai has the most engagement");
        assertEquals("WEDNESDAY", features.getString("preferredWeekday"));
        assertEquals(3, features.getInt("lifetimeDays"));
        assertTrue(features.getInt("recencyDays") > 365);
    }

    @Test
    void responseRateShrinksToPopulation() {
        String ns = TestEvents.namespace();
        String channel = "fax-" + ns;
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(contact(ns + ":cold", T0.plusSeconds(i), channel));
        }
        events.add(contact(ns + ":hot", T0, channel));
        events.add(conversion(ns + ":hot", T0.plusSeconds(1), channel, 5));

        apply(events);
        JsonPath hot = JsonPath.from(when().get("/api/v1/profiles/{key}", ns + ":hot").asString());
        JsonPath cold = JsonPath.from(when().get("/api/v1/profiles/{key}", ns + ":cold").asString());

        // Population rate 1/10 with a prior strength of 20: (1 + 20 * 0.1) / (1 + 20) and (0 + 2) / (9 + 20).
        assertEquals(3.0 / 21, hot.getDouble("channels[0].responseRate"), 1e-6);
        assertEquals(2.0 / 29, cold.getDouble("channels[0].responseRate"), 1e-6);
    }

    @Test
    void incrementalEqualsReplay() {
        String incremental = TestEvents.namespace();
        String replay = TestEvents.namespace();
        List<Map<String, Object>> events = randomEvents(new Random(42), 60);

        Random batchSizes = new Random(7);
        List<Map<String, Object>> pending = new ArrayList<>();
        for (Map<String, Object> event : events) {
            pending.add(renamed(event, incremental));
            if (pending.size() >= 1 + batchSizes.nextInt(6)) {
                apply(pending);
                pending.clear();
            }
        }
        apply(pending);
        List<Map<String, Object>> deliveries = randomDeliveries(new Random(11), 40);
        for (int start = 0; start < deliveries.size(); start += 7) {
            List<Map<String, Object>> batch = deliveries.subList(start, Math.min(start + 7, deliveries.size()));
            applyDeliveries(batch.stream().map(event -> renamed(event, incremental)).toList());
        }

        apply(events.stream().map(event -> renamed(event, replay)).toList());
        applyDeliveries(deliveries.stream().map(event -> renamed(event, replay)).toList());

        for (String id : List.of("a", "b", "c")) {
            Map<String, Object> incrementalView = view(incremental + ":" + id);
            Map<String, Object> replayView = view(replay + ":" + id);
            assertEquals(replayView, incrementalView, "profile " + id);
        }
        List<Integer> delivered = given().get("/api/v1/profiles/{key}", incremental + ":a").jsonPath()
                .getList("channels.delivered", Integer.class);
        assertTrue(delivered.stream().mapToInt(Integer::intValue).sum() > 0, "deliveries reached profile a");
    }

    /** Returns identify, contact, conversion, return and cancellation events for three keys, in time order. */
    private static List<Map<String, Object>> randomEvents(Random random, int count) {
        List<Map<String, Object>> events = new ArrayList<>();
        String[] ids = {"a", "b", "c"};
        String[] channels = {"email", "sms", "push"};
        for (String id : ids) {
            events.add(identify(id, T0, Map.of("timeZone", id.equals("b") ? "America/New_York" : "Europe/Berlin",
                    "tier", "t-" + id)));
        }
        for (int i = 0; i < count; i++) {
            String id = ids[random.nextInt(ids.length)];
            Instant at = T0.plus(Duration.ofMinutes(30L * (i + 1) + random.nextInt(600)));
            String channel = channels[random.nextInt(channels.length)];
            events.add(switch (random.nextInt(5)) {
                case 0, 1 -> contact(id, at, channel);
                case 2 -> conversion(id, at, channel, 10 + random.nextInt(90));
                case 3 -> conversion(id, at, channel, -(1 + random.nextInt(9)));
                default -> event("cancellation", id, at, null, 1 + random.nextInt(20), Map.of());
            });
        }
        return events;
    }

    /** Returns delivery outcomes of every status for the keys a, b and c, with a few repeated event ids. */
    private static List<Map<String, Object>> randomDeliveries(Random random, int count) {
        String[] statuses = {"delivered", "delivered", "bounced", "opened", "clicked", "converted", "unsubscribed"};
        String[] channels = {"email", "sms"};
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.valueOf((char) ('a' + random.nextInt(3)));
            Map<String, Object> delivery = TestEvents.delivery(id, channels[random.nextInt(channels.length)],
                    statuses[random.nextInt(statuses.length)]);
            delivery.put("eventId", "d-" + i);
            delivery.put("at", T0.plus(Duration.ofHours(i)).toString());
            deliveries.add(delivery);
            if (random.nextInt(5) == 0) {
                deliveries.add(delivery);
            }
        }
        return deliveries;
    }

    /** Returns a copy of the event with its key in the namespace and a fresh event id. */
    private static Map<String, Object> renamed(Map<String, Object> event, String ns) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("profileKey", ns + ":" + event.get("profileKey"));
        copy.put("eventId", ns + "-" + event.get("eventId"));
        return copy;
    }

    private static Map<String, Object> view(String key) {
        Map<String, Object> view = new LinkedHashMap<>(given().get("/api/v1/profiles/{key}", key).then().statusCode(200)
                .extract().jsonPath().getMap(""));
        view.remove("profileKey");
        return view;
    }

    private void applyDeliveries(List<Map<String, Object>> events) {
        List<DeliveryEvent> parsed = events.stream().map(event -> mapper.convertValue(event, DeliveryEvent.class))
                .toList();
        deliveryService.apply(parsed.size(), parsed).await().atMost(TIMEOUT);
    }

    private void apply(List<Map<String, Object>> events) {
        if (events.isEmpty()) {
            return;
        }
        List<CustomerEvent> parsed = events.stream().map(event -> mapper.convertValue(event, CustomerEvent.class))
                .toList();
        service.apply(new CustomerEventBatch(parsed.size(), Map.of(), parsed)).await().atMost(TIMEOUT);
    }
}
