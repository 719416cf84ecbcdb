package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.eventCondition;
import static io.channelmind.automation.journey.JourneyFixtures.exit;
import static io.channelmind.automation.journey.JourneyFixtures.segmentJourney;
import static io.channelmind.automation.journey.JourneyFixtures.send;
import static io.channelmind.automation.journey.JourneyFixtures.traits;
import static io.channelmind.automation.journey.JourneyFixtures.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.journey.JourneyDefinition.Reentry;
import io.channelmind.automation.journey.JourneyFixtures.MutableClock;
import io.channelmind.automation.journey.JourneyFixtures.RecordingSender;
import io.channelmind.web.crypto.TopicOpener;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JourneyEngineTest extends JourneyEngineTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TopicOpener opener;

    private JourneyTriggers triggers;

    JourneyEngineTest() {
        super("2030-03-01T10:00:00Z");
    }

    @BeforeEach
    void setUp() {
        triggers = new JourneyTriggers(store, engine, facts, dataSource, opener, clock);
    }

    private void segmentEntered(String segment, String profileKey) {
        triggers.onSegmentMembership(JSON.valueToTree(Map.of("schemaVersion", 1, "eventId", UUID.randomUUID().toString(),
                "segment", segment, "profileKey", profileKey, "member", true, "at", clock.instant().toString())));
    }

    private void identify(String profileKey, Map<String, Object> traits) {
        facts.record(UUID.randomUUID().toString(), profileKey, "identify", null, clock.instant(), traits);
    }

    @Test
    void segmentEnteredWaitConditionSend() {
        String segment = "vip-" + run;
        JourneyStore.StoredJourney journey = store.create(segmentJourney(segment, null,
                waitFor("cool-off", "PT1H", "converted"),
                eventCondition("converted", "conversion", "done", "nudge"),
                send("nudge", "sms", "Hi {{firstName}}, 10% off today", null),
                exit("done")));
        String buyer = "demo:buyer-" + run;
        String browser = "demo:browser-" + run;
        identify(browser, traits("firstName", "Ada", "phone", "+8613800138000"));

        segmentEntered(segment, buyer);
        segmentEntered(segment, browser);
        clock.advance(Duration.ofMinutes(30));
        facts.record(UUID.randomUUID().toString(), buyer, "conversion", "Order Completed", clock.instant(), Map.of());
        int ranEarly = engine.processDue(100);
        clock.advance(Duration.ofMinutes(31));
        int ranLate = engine.processDue(100);

        assertEquals(0, ranEarly);
        assertEquals(2, ranLate);
        assertEquals(1, sender.sent.size());
        assertEquals("Hi Ada, 10% off today", sender.sent.get(0).text());
        assertEquals("+8613800138000", sender.sent.get(0).to());
        assertEquals(journey.id() + "/nudge#1/" + browser, sender.sent.get(0).key().value());
        assertEquals(Map.of("entered", 2L, "completed", 2L), counts(journey, "cool-off"));
        assertEquals(Map.of("entered", 2L, "true", 1L, "false", 1L), counts(journey, "converted"));
        assertEquals(Map.of("entered", 1L, "sent", 1L), counts(journey, "nudge"));
        assertEquals(Map.of("entered", 1L, "exited", 1L), counts(journey, "done"));
    }

    @Test
    void reentryNeverAllowsOneEntry() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, new Reentry("never", null),
                send("hello", "sms", "Hi", null)));
        String profile = "demo:p-" + run;

        Optional<Long> first = engine.enter(journey.id(), profile, "t1");
        clock.advance(Duration.ofDays(400));
        Optional<Long> second = engine.enter(journey.id(), profile, "t2");

        assertTrue(first.isPresent());
        assertFalse(second.isPresent());
        assertEquals(1, sender.sent.size());
    }

    @Test
    void reentryAlwaysWaitsForTheEnd() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, new Reentry("always", null),
                waitFor("pause", "PT1H", "hello"), send("hello", "sms", "Hi", null)));
        String profile = "demo:p-" + run;

        Optional<Long> first = engine.enter(journey.id(), profile, "t1");
        Optional<Long> whileWaiting = engine.enter(journey.id(), profile, "t2");
        Optional<Long> sameTrigger = engine.enter(journey.id(), profile, "t1");
        clock.advance(Duration.ofHours(2));
        engine.processDue(100);
        Optional<Long> afterEnd = engine.enter(journey.id(), profile, "t3");
        clock.advance(Duration.ofHours(2));
        engine.processDue(100);

        assertTrue(first.isPresent());
        assertFalse(whileWaiting.isPresent());
        assertFalse(sameTrigger.isPresent());
        assertTrue(afterEnd.isPresent());
        assertEquals(List.of(journey.id() + "/hello#1/" + profile, journey.id() + "/hello#2/" + profile),
                sender.sent.stream().map(message -> message.key().value()).toList());
    }

    @Test
    void reentryCooldownCountsFromLastEntry() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, new Reentry("cooldown", "P1D"),
                send("hello", "sms", "Hi", null)));
        String profile = "demo:p-" + run;

        Optional<Long> first = engine.enter(journey.id(), profile, "t1");
        clock.advance(Duration.ofHours(23));
        Optional<Long> tooSoon = engine.enter(journey.id(), profile, "t2");
        clock.advance(Duration.ofHours(1));
        Optional<Long> afterCooldown = engine.enter(journey.id(), profile, "t3");

        assertTrue(first.isPresent());
        assertFalse(tooSoon.isPresent());
        assertTrue(afterCooldown.isPresent());
        assertEquals(2, sender.sent.size());
    }

    @Test
    void restartMidWaitResumes() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                waitFor("pause", "P2D", "hello"), send("hello", "sms", "Welcome back", null)));
        String profile = "demo:p-" + run;
        engine.enter(journey.id(), profile, "t1");

        // A new engine over the same database stands for the service after a restart.
        RecordingSender senderAfterRestart = new RecordingSender();
        MutableClock clockAfterRestart = new MutableClock(clock.instant().plus(Duration.ofDays(1)));
        JourneyEngine restarted = JourneyFixtures.engine(dataSource, facts, senderAfterRestart, clockAfterRestart);
        int ranBeforeDue = restarted.processDue(100);
        clockAfterRestart.advance(Duration.ofDays(1).plusSeconds(1));
        int ranWhenDue = restarted.processDue(100);
        int ranAgain = restarted.processDue(100);

        assertEquals(0, sender.sent.size());
        assertEquals(0, ranBeforeDue);
        assertEquals(1, ranWhenDue);
        assertEquals(0, ranAgain);
        assertEquals(1, senderAfterRestart.sent.size());
        assertEquals(Map.of("entered", 1L, "completed", 1L), counts(journey, "pause"));
    }

    @Test
    void crashAfterSendDoesNotResend() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                send("hello", "sms", "Hi", "bye"), send("bye", "sms", "Bye", null)));
        String profile = "demo:p-" + run;
        sender.failing = true;

        assertThrows(IllegalStateException.class, () -> engine.enter(journey.id(), profile, "t1"));
        sender.failing = false;
        int resumed = engine.processDue(100);

        assertEquals(1, resumed);
        assertEquals(List.of("Hi", "Bye"), sender.sent.stream().map(message -> message.text()).toList());
        assertEquals(Map.of("entered", 1L, "unknown", 1L), counts(journey, "hello"));
        assertEquals(Map.of("entered", 1L, "sent", 1L), counts(journey, "bye"));
    }

    @Test
    void pausedJourneyHoldsEntries() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                waitFor("pause", "PT1H", "hello"), send("hello", "sms", "Hi", null)));
        String waiting = "demo:waiting-" + run;
        engine.enter(journey.id(), waiting, "t1");

        store.setStatus(journey.id(), "paused");
        Optional<Long> whilePaused = engine.enter(journey.id(), "demo:late-" + run, "t2");
        clock.advance(Duration.ofHours(2));
        int ranPaused = engine.processDue(100);
        store.setStatus(journey.id(), "active");
        int ranResumed = engine.processDue(100);

        assertFalse(whilePaused.isPresent());
        assertEquals(0, ranPaused);
        assertEquals(1, ranResumed);
        assertEquals(1, sender.sent.size());
    }

    @Test
    void withdrawnConsentSkipsSend() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null, send("hello", "sms", "Hi", null)));
        String profile = "demo:p-" + run;
        identify(profile, traits("phone", "+33612345678", "consent", Map.of("sms", false)));

        engine.enter(journey.id(), profile, "t1");

        assertEquals(0, sender.sent.size());
        assertEquals(Map.of("entered", 1L, "skipped", 1L), counts(journey, "hello"));
    }

    @Test
    void banditFavoursRewardedArm() throws Exception {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, new Reentry("always", null),
                JourneyFixtures.banditSplit("pick", "Order Completed", "a", "b"), exit("a"), exit("b")));
        try (var connection = dataSource.getConnection();
                PreparedStatement arms = connection.prepareStatement(
                        "insert into journey_arm (journey_id, step_id, branch, trials, rewards) values (?, 'pick', ?, 200, ?)")) {
            arms.setObject(1, journey.id());
            arms.setInt(2, 0);
            arms.setInt(3, 20);
            arms.executeUpdate();
            arms.setInt(2, 1);
            arms.setInt(3, 120);
            arms.executeUpdate();
        }

        for (int i = 0; i < 40; i++) {
            engine.enter(journey.id(), "demo:p" + i + "-" + run, "t");
        }
        facts.record(UUID.randomUUID().toString(), "demo:p0-" + run, "conversion", "order completed", clock.instant(), Map.of());

        Map<String, Long> pick = counts(journey, "pick");
        assertTrue(pick.getOrDefault("branch-1", 0L) >= 36, "bandit split counts " + pick);
        try (var connection = dataSource.getConnection();
                PreparedStatement rewards = connection.prepareStatement(
                        "select sum(rewards), sum(trials) from journey_arm where journey_id = ?")) {
            rewards.setObject(1, journey.id());
            var row = rewards.executeQuery();
            row.next();
            assertEquals(141, row.getLong(1));
            assertEquals(440, row.getLong(2));
        }
    }

    @Test
    void birthdayFiresOnceInProfileZone() {
        JourneyDefinition definition = new JourneyDefinition("birthday " + run,
                new JourneyDefinition.Trigger("date-attribute", null, null, "birthday-" + run, "yearly", null, "09:00", null),
                new Reentry("always", null), List.of(send("greet", "sms", "Happy birthday {{firstName}}", null)), null);
        JourneyStore.StoredJourney journey = store.create(definition);
        String profile = "demo:p-" + run;
        identify(profile, traits("birthday-" + run, "1990-03-29", "timeZone", "Asia/Shanghai", "firstName", "Li"));

        clock.set(Instant.parse("2030-03-29T00:30:00Z"));
        int beforeNine = triggers.scanDates();
        clock.set(Instant.parse("2030-03-29T01:00:00Z"));
        int atNine = triggers.scanDates();
        clock.set(Instant.parse("2030-03-29T10:00:00Z"));
        int laterThatDay = triggers.scanDates();

        assertEquals(0, beforeNine);
        assertEquals(1, atNine);
        assertEquals(0, laterThatDay);
        assertEquals(List.of("Happy birthday Li"), sender.sent.stream().map(message -> message.text()).toList());
        assertEquals(Map.of("entered", 1L, "sent", 1L), counts(journey, "greet"));
    }
}
