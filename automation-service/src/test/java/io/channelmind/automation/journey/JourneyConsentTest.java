package io.channelmind.automation.journey;

import static io.channelmind.automation.ConsentChanges.consent;
import static io.channelmind.automation.journey.JourneyFixtures.send;
import static io.channelmind.automation.journey.JourneyFixtures.traits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.ConsentChanges;
import io.channelmind.automation.DeliveryEvents;
import io.channelmind.automation.connector.DeliveryResult;
import io.channelmind.automation.connector.OutgoingMessage;
import io.channelmind.automation.journey.JourneyDefinition.Trigger;
import io.vertx.mutiny.sqlclient.Pool;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Journey sends honour cm.consent-changes for the journey's purpose and publish the delivery
 * events of campaign sends.
 */
@QuarkusTest
class JourneyConsentTest extends JourneyEngineTestBase {

    @Inject
    Pool pool;

    JourneyConsentTest() {
        super("2030-06-01T12:00:00Z");
    }

    private JourneyStore.StoredJourney journey(String purpose) {
        return store.create(new JourneyDefinition(purpose + " " + run,
                new Trigger("segment-entered", "consent-" + run, null, null, null, null, null, null), null,
                List.of(send("notify", "sms", "Your order ships today", null)), purpose));
    }

    /** Identifies a profile with a phone number of its own, because a bounce blocks the number. */
    private String smsProfile(String name) {
        String profileKey = "demo:" + name + "-" + run;
        String phone = "+8613" + String.format("%09d", Math.floorMod(profileKey.hashCode(), 1_000_000_000));
        facts.record(UUID.randomUUID().toString(), profileKey, "identify", null, clock.instant(),
                traits("phone", phone, "consent", Map.of("sms", true)));
        return profileKey;
    }

    /** Returns the status and detail of the profile's send in the journey. */
    private List<String> sendOf(UUID journeyId, String profileKey) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select status, detail from journey_send where journey_id = ? and profile_key = ?")) {
            select.setObject(1, journeyId);
            select.setString(2, profileKey);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return List.of(row.getString(1), String.valueOf(row.getString(2)));
            }
        }
    }

    @Test
    void marketingWithdrawalSkipsOnlyMarketing() throws Exception {
        JourneyStore.StoredJourney marketing = journey(null);
        JourneyStore.StoredJourney transactional = journey("transactional");
        String profileKey = smsProfile("withdrawn");
        ConsentChanges.publishAndAwait(pool, consent(profileKey, "sms", "marketing", "withdrawn", Instant.now()));

        engine.enter(marketing.id(), profileKey, "t1");
        engine.enter(transactional.id(), profileKey, "t1");

        assertEquals(List.of("skipped", "consent withdrawn (marketing)"), sendOf(marketing.id(), profileKey));
        assertEquals("sent", sendOf(transactional.id(), profileKey).get(0));
        assertEquals(1, sender.sent.size());
        assertEquals(Map.of("entered", 1L, "skipped", 1L),
                store.stepCounts(store.find(marketing.id()).orElseThrow()).get("notify"));
    }

    @Test
    void pendingConsentAndManualMarkSkip() throws Exception {
        JourneyStore.StoredJourney transactional = journey("transactional");
        String pending = smsProfile("pending");
        String marked = smsProfile("marked");
        ConsentChanges.publishAndAwait(pool, consent(pending, "sms", "transactional", "pending", Instant.now()));
        ConsentChanges.publishAndAwait(pool, ConsentChanges.manualMark(marked, Instant.now()));

        engine.enter(transactional.id(), pending, "t1");
        engine.enter(transactional.id(), marked, "t1");

        assertEquals(List.of("skipped", "consent pending (transactional)"), sendOf(transactional.id(), pending));
        assertEquals(List.of("skipped", "do-not-contact (manual)"), sendOf(transactional.id(), marked));
        assertEquals(0, sender.sent.size());
    }

    @Test
    void sentJourneyMessagePublishesDelivered() throws Exception {
        JourneyStore.StoredJourney journey = journey(null);
        String profileKey = smsProfile("delivered");

        engine.enter(journey.id(), profileKey, "t1");
        List<DeliveryEvents.Delivery> deliveries = DeliveryEvents.awaitCount(journey.id().toString(), 1);

        assertEquals(1, deliveries.size());
        DeliveryEvents.Delivery delivery = deliveries.get(0);
        assertEquals(profileKey, delivery.key());
        assertEquals("delivered", delivery.value().get("status"));
        assertEquals(journey.id() + "/notify#1/" + profileKey, delivery.value().get("eventId"));
        assertEquals(profileKey, delivery.value().get("profileKey"));
        assertEquals("sms", delivery.value().get("channel"));
        assertNull(delivery.value().get("copyId"));
        assertEquals(1, delivery.value().get("schemaVersion"));
    }

    @Test
    void rejectedNumberBouncesAndBlocks() throws Exception {
        JourneyStore.StoredJourney first = journey(null);
        JourneyStore.StoredJourney second = journey("transactional");
        String profileKey = smsProfile("bounced");
        JourneySender rejecting = new JourneySender(null, null, null) {
            @Override
            public DeliveryResult send(String channel, OutgoingMessage message) {
                return new DeliveryResult.PermanentFailure("HTTP 400: {\"code\":21211}", true);
            }
        };
        JourneyEngine bouncing = JourneyFixtures.engine(dataSource, facts, rejecting, clock);

        bouncing.enter(first.id(), profileKey, "t1");
        List<DeliveryEvents.Delivery> deliveries = DeliveryEvents.awaitCount(first.id().toString(), 1);
        engine.enter(second.id(), profileKey, "t1");

        assertEquals("failed", sendOf(first.id(), profileKey).get(0));
        assertEquals(1, deliveries.size());
        assertEquals("bounced", deliveries.get(0).value().get("status"));
        assertEquals(first.id() + "/notify#1/" + profileKey + "/bounced", deliveries.get(0).value().get("eventId"));
        assertEquals(List.of("skipped", "hard bounce"), sendOf(second.id(), profileKey));
        assertEquals(0, sender.sent.size());
    }
}
