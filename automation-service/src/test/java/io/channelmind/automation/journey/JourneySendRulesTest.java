package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.segmentJourney;
import static io.channelmind.automation.journey.JourneyFixtures.send;
import static io.channelmind.automation.journey.JourneyFixtures.traits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.channelmind.automation.journey.JourneyFixtures.MutableClock;
import io.channelmind.automation.journey.JourneyFixtures.RecordingSender;
import io.channelmind.automation.service.QuietHours;
import io.channelmind.automation.service.SendKeys;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JourneySendRulesTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    ProfileFacts facts;

    private final RecordingSender sender = new RecordingSender();
    private String run;

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private void identify(String profileKey, Map<String, Object> traits, Instant at) {
        facts.record(UUID.randomUUID().toString(), profileKey, "identify", null, at, traits);
    }

    /** Returns the status and due time of the profile's entry in the journey. */
    private List<Object> entryState(UUID journeyId, String profileKey) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select status, due_at from journey_entry where journey_id = ? and profile_key = ?")) {
            select.setObject(1, journeyId);
            select.setString(2, profileKey);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return List.of(row.getString(1), row.getTimestamp(2) == null ? "none" : row.getTimestamp(2).toInstant());
            }
        }
    }

    /** Returns the status and detail of each of the profile's journey sends, by step id. */
    private Map<String, String> sends(UUID journeyId, String profileKey) throws Exception {
        Map<String, String> sends = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select step_id, status, detail from journey_send where journey_id = ? and profile_key = ?"
                                + " order by created_at")) {
            select.setObject(1, journeyId);
            select.setString(2, profileKey);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    sends.put(row.getString(1), row.getString(2).equals("skipped")
                            ? "skipped: " + row.getString(3) : row.getString(2));
                }
            }
        }
        return sends;
    }

    @Test
    void quietHoursDeferAcrossDstAndRestart() throws Exception {
        // Paris moves to summer time on 31 March 2030 at 02:00 local (01:00Z), so 08:00 that day is
        // 06:00Z. Sao Paulo has had no daylight saving since 2019 and stays at UTC-3.
        MutableClock clock = new MutableClock(Instant.parse("2030-03-31T00:30:00Z"));
        JourneySendRules rules = new JourneySendRules(NIGHT, JourneySendRules.caps(0, Duration.ofDays(7), 0, Duration.ofDays(7)));
        JourneyStore store = new JourneyStore(dataSource, clock, audit);
        JourneyStore.StoredJourney journey = store.create(segmentJourney("quiet-" + run, null,
                send("hello", "sms", "Hi", null)));
        String paris = "demo:paris-" + run;
        String saoPaulo = "demo:sao-paulo-" + run;
        String shanghai = "demo:shanghai-" + run;
        identify(paris, traits("phone", "+33600000001", "timeZone", "Europe/Paris"), clock.instant());
        identify(saoPaulo, traits("phone", "+5511900000001", "timeZone", "America/Sao_Paulo"), clock.instant());
        identify(shanghai, traits("phone", "+8613800000001", "timeZone", "Asia/Shanghai"), clock.instant());

        JourneyEngine beforeRestart = JourneyFixtures.engine(dataSource, facts, sender, rules, clock);
        beforeRestart.enter(journey.id(), paris, "t1");
        beforeRestart.enter(journey.id(), saoPaulo, "t1");
        beforeRestart.enter(journey.id(), shanghai, "t1");
        int sentAtEntry = sender.sent.size();
        List<Object> parisDeferred = entryState(journey.id(), paris);
        List<Object> saoPauloDeferred = entryState(journey.id(), saoPaulo);
        Map<String, Long> countsWhileDeferred = store.stepCounts(store.find(journey.id()).orElseThrow()).get("hello");

        // A new engine over the same database is the service after a restart.
        JourneyEngine afterRestart = JourneyFixtures.engine(dataSource, facts, sender, rules, clock);
        clock.set(Instant.parse("2030-03-31T05:59:00Z"));
        afterRestart.processDue(100);
        int sentBeforeParisMorning = sender.sent.size();
        clock.set(Instant.parse("2030-03-31T06:00:00Z"));
        afterRestart.processDue(100);
        int sentAtParisMorning = sender.sent.size();
        clock.set(Instant.parse("2030-03-31T11:00:00Z"));
        afterRestart.processDue(100);

        assertEquals(1, sentAtEntry);
        assertEquals(List.of("deferred", Instant.parse("2030-03-31T06:00:00Z")), parisDeferred);
        assertEquals(List.of("deferred", Instant.parse("2030-03-31T11:00:00Z")), saoPauloDeferred);
        assertEquals(Map.of("entered", 3L, "deferred", 2L, "sent", 1L, "current", 2L, "waiting", 2L), countsWhileDeferred);
        assertEquals(1, sentBeforeParisMorning);
        assertEquals(2, sentAtParisMorning);
        assertEquals(3, sender.sent.size());
        assertEquals(List.of("+8613800000001", "+33600000001", "+5511900000001"),
                sender.sent.stream().map(message -> message.to()).toList());
        assertEquals(List.of("completed", "none"), entryState(journey.id(), paris));
        assertEquals(Map.of("entered", 3L, "deferred", 2L, "sent", 3L),
                store.stepCounts(store.find(journey.id()).orElseThrow()).get("hello"));
    }

    @Test
    void capsAndDoNotContactSkipSends() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-05-01T12:00:00Z"));
        JourneySendRules rules = new JourneySendRules(NIGHT, JourneySendRules.caps(1, Duration.ofDays(7), 2, Duration.ofDays(7)));
        JourneyStore store = new JourneyStore(dataSource, clock, audit);
        JourneyStore.StoredJourney journey = store.create(segmentJourney("caps-" + run, null,
                send("first-sms", "sms", "One", "second-sms"),
                send("second-sms", "sms", "Two", "slack"),
                send("slack", "slack", "Three", "webhook"),
                send("webhook", "webhook", "Four", null)));
        String capped = "demo:capped-" + run;
        String blocked = "demo:blocked-" + run;
        String blockedPhone = "+3519" + Math.abs(run.hashCode() % 100_000_000);
        identify(capped, traits("phone", "+351910000100"), clock.instant());
        identify(blocked, traits("phone", blockedPhone), clock.instant());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement block = connection.prepareStatement(
                        "insert into do_not_contact (address_hash, channel, reason, created_at) values (?, 'sms', 'complaint', now())")) {
            block.setString(1, SendKeys.addressHash(blockedPhone));
            block.executeUpdate();
        }

        JourneyEngine engine = JourneyFixtures.engine(dataSource, facts, sender, rules, clock);
        engine.enter(journey.id(), capped, "t1");
        engine.enter(journey.id(), blocked, "t1");

        Map<String, String> cappedSends = sends(journey.id(), capped);
        Map<String, String> blockedSends = sends(journey.id(), blocked);
        assertEquals("sent", cappedSends.get("first-sms"));
        assertEquals("skipped: frequency cap (channel)", cappedSends.get("second-sms"));
        assertEquals("sent", cappedSends.get("slack"));
        assertEquals("skipped: frequency cap (all channels)", cappedSends.get("webhook"));
        assertEquals("skipped: complained", blockedSends.get("first-sms"));
        assertEquals("skipped: complained", blockedSends.get("second-sms"));
        assertEquals("sent", blockedSends.get("slack"));
        assertEquals("sent", blockedSends.get("webhook"));
        assertEquals(4, sender.sent.size());
    }

    @Test
    void capsCountMergedProfileSends() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-05-01T12:00:00Z"));
        JourneySendRules rules = new JourneySendRules(NIGHT, JourneySendRules.caps(1, Duration.ofDays(7), 0, Duration.ofDays(7)));
        JourneyStore store = new JourneyStore(dataSource, clock, audit);
        JourneyStore.StoredJourney journey = store.create(segmentJourney("merged-caps-" + run, null,
                send("sms", "sms", "One", null)));
        String survivor = "demo:survivor-" + run;
        String merged = "demo:merged-" + run;
        identify(survivor, traits("phone", "+351910000201"), clock.instant());
        identify(merged, traits("phone", "+351910000202"), clock.instant());
        JourneyEngine engine = JourneyFixtures.engine(dataSource, facts, sender, rules, clock);
        engine.enter(journey.id(), merged, "t1");

        try (Connection connection = dataSource.getConnection();
                PreparedStatement merge = connection.prepareStatement("insert into profile_merge"
                        + " (profile_key, survivor_key, joined_at, event_id, received_at) values (?, ?, now(), ?, now())")) {
            merge.setString(1, merged);
            merge.setString(2, survivor);
            merge.setString(3, "merge:test:" + merged);
            merge.executeUpdate();
        }
        engine.enter(journey.id(), survivor, "t1");

        assertEquals("sent", sends(journey.id(), merged).get("sms"));
        assertEquals("skipped: frequency cap (channel)", sends(journey.id(), survivor).get("sms"));
    }
}
