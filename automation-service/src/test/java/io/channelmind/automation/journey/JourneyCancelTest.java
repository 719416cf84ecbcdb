package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.segmentJourney;
import static io.channelmind.automation.journey.JourneyFixtures.send;
import static io.channelmind.automation.journey.JourneyFixtures.traits;
import static io.channelmind.automation.journey.JourneyFixtures.waitFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;

/** Cancelling a journey: no new entries, every entry in flight ends with its reason, and the lifecycle stays final. */
@QuarkusTest
class JourneyCancelTest extends JourneyEngineTestBase {

    @Inject
    JourneyHistory history;

    JourneyCancelTest() {
        super("2030-05-01T10:00:00Z");
    }

    @Test
    void cancelEndsWaitingEntries() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                waitFor("settle", "P1D", "hello"), send("hello", "sms", "Hi {{firstName}}", null)));
        String first = "demo:first-" + run;
        String second = "demo:second-" + run;
        facts.record(UUID.randomUUID().toString(), first, "identify", null, clock.instant(),
                traits("firstName", "Ana", "phone", "+8613800138010"));
        engine.enter(journey.id(), first, "t1");
        engine.enter(journey.id(), second, "t2");

        int ended = store.cancel(journey.id());
        boolean enteredAfter = engine.enter(journey.id(), "demo:late-" + run, "t3").isPresent();
        clock.advance(Duration.ofDays(2));
        int ranAfter = engine.processDue(100);

        assertEquals(2, ended);
        assertFalse(enteredAfter);
        assertEquals(0, ranAfter);
        assertEquals(0, sender.sent.size());
        assertEquals("cancelled", store.find(journey.id()).orElseThrow().status());
        assertEquals(Map.of("entered", 2L, "cancelled", 2L), counts(journey, "settle"));
        assertEquals(Map.of(), counts(journey, "hello"));
        List<JourneyHistory.Entry> entries = history.entries(journey.id(), 0, 10, null);
        assertEquals(List.of("exited", "exited"), entries.stream().map(JourneyHistory.Entry::status).toList());
        assertTrue(entries.stream().allMatch(entry -> entry.finishedAt() != null));
        List<JourneyHistory.Event> events = history.recipient(journey.id(), first).values().iterator().next();
        JourneyHistory.Event last = events.get(events.size() - 1);
        assertEquals("exited", last.event());
        assertEquals(JourneyCancellation.REASON, last.outcome());
        assertEquals("settle", last.stepId());
    }

    @Test
    void cancelKeepsFinishedEntries() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                send("hello", "sms", "Hi", null)));
        engine.enter(journey.id(), "demo:done-" + run, "t1");

        int ended = store.cancel(journey.id());
        int again = store.cancel(journey.id());

        assertEquals(0, ended);
        assertEquals(0, again);
        assertEquals(List.of("completed"),
                history.entries(journey.id(), 0, 10, null).stream().map(JourneyHistory.Entry::status).toList());
        assertFalse(counts(journey, "hello").containsKey("cancelled"));
    }

    @Test
    void cancelEndpointIsFinal() {
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                waitFor("settle", "P1D", null)));
        engine.enter(journey.id(), "demo:waiting-" + run, "t1");
        String path = "/api/v1/journeys/" + journey.id();

        given().when().post(path + "/cancel")
                .then().statusCode(200)
                .body("journeyId", equalTo(journey.id().toString()))
                .body("status", equalTo("cancelled"))
                .body("endedEntries", equalTo(1));
        given().when().post(path + "/cancel")
                .then().statusCode(200)
                .body("endedEntries", equalTo(0));
        given().when().post(path + "/resume")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:journey-cancelled"))
                .body("errors[0].field", equalTo("id"));
        given().when().post(path + "/pause")
                .then().statusCode(409);
        given().contentType(ContentType.JSON).body(JourneyStore.write(journey.definition()))
                .when().put(path)
                .then().statusCode(409);
        given().when().get(path + "/stats")
                .then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("steps[0].counts.cancelled", equalTo(1));
        given().when().get(path + "/recipients/demo:waiting-" + run)
                .then().statusCode(200)
                .body("entries[0].status", equalTo("exited"))
                .body("entries[0].exitReason", equalTo("journey cancelled"));
    }

    @Test
    void cancelUnknownJourneyIsNotFound() {
        given().when().post("/api/v1/journeys/" + UUID.randomUUID() + "/cancel")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:journey-not-found"));
    }
}
