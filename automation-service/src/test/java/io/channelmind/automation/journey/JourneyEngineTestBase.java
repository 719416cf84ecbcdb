package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.traits;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.channelmind.automation.journey.JourneyFixtures.MutableClock;
import io.channelmind.automation.journey.JourneyFixtures.RecordingSender;
import io.channelmind.web.audit.AuditLog;

/**
 * Fixtures that the journey engine tests share: a store and an engine on the test's own clock,
 * and a sender that records instead of sending. The run id keeps each test's journeys, segments
 * and profiles apart from those of the other tests in the same database.
 */
abstract class JourneyEngineTestBase {

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    ProfileFacts facts;

    final MutableClock clock;
    final RecordingSender sender = new RecordingSender();
    JourneyStore store;
    JourneyEngine engine;
    String run;

    JourneyEngineTestBase(String start) {
        clock = new MutableClock(Instant.parse(start));
    }

    @BeforeEach
    void setUpEngine() {
        store = new JourneyStore(dataSource, clock, audit);
        engine = JourneyFixtures.engine(dataSource, facts, sender, clock);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Returns the entry counts of a step by state, as the statistics API reports them. */
    Map<String, Long> counts(JourneyStore.StoredJourney journey, String stepId) {
        return store.stepCounts(store.find(journey.id()).orElseThrow()).get(stepId);
    }

    /** Identifies the profile {@code demo:<name>-<run>} with the given trait pairs and returns its key. */
    String profile(String name, Object... traitPairs) {
        String profileKey = "demo:" + name + "-" + run;
        facts.record(UUID.randomUUID().toString(), profileKey, "identify", null, clock.instant(), traits(traitPairs));
        return profileKey;
    }
}
