package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.banditSplit;
import static io.channelmind.automation.journey.JourneyFixtures.eventCondition;
import static io.channelmind.automation.journey.JourneyFixtures.exit;
import static io.channelmind.automation.journey.JourneyFixtures.segmentJourney;
import static io.channelmind.automation.journey.JourneyFixtures.send;
import static io.channelmind.automation.journey.JourneyFixtures.traits;
import static io.channelmind.automation.journey.JourneyFixtures.waitFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.channelmind.automation.journey.JourneyFixtures.MutableClock;
import io.channelmind.automation.journey.JourneyFixtures.RecordingSender;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The journeys API lists a journey's recipients and returns each one's step history. */
@QuarkusTest
class JourneyHistoryApiTest {

    private static final Instant START = Instant.parse("2030-03-01T10:00:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    ProfileFacts facts;

    private final MutableClock clock = new MutableClock(START);
    private final RecordingSender sender = new RecordingSender();
    private JourneyStore.StoredJourney journey;
    private String buyer;
    private String browser;

    /**
     * Runs two profiles through wait, condition, split and send: the buyer converts during the wait
     * and leaves at the exit step, and the browser gets the message and completes the journey.
     */
    @BeforeEach
    void setUp() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        journey = new JourneyStore(dataSource, clock, audit).create(segmentJourney("history-" + run, null,
                waitFor("cool-off", "PT1H", "converted"),
                eventCondition("converted", "conversion", "done", "pick"),
                banditSplit("pick", "conversion", "nudge"),
                send("nudge", "sms", "Hi {{firstName}}", null),
                exit("done")));
        buyer = "demo:buyer-" + run;
        browser = "demo:browser-" + run;
        facts.record(UUID.randomUUID().toString(), browser, "identify", null, clock.instant(),
                traits("firstName", "Ada", "phone", "+8613800138001"));
        JourneyEngine engine = JourneyFixtures.engine(dataSource, facts, sender, clock);

        engine.enter(journey.id(), buyer, "t1");
        engine.enter(journey.id(), browser, "t1");
        clock.advance(Duration.ofMinutes(30));
        facts.record(UUID.randomUUID().toString(), buyer, "conversion", "Order Completed", clock.instant(), Map.of());
        clock.advance(Duration.ofMinutes(31));
        engine.processDue(100);
    }

    private JsonPath history(String profileKey) {
        return given().pathParam("id", journey.id()).pathParam("profileKey", profileKey)
                .when().get("/api/v1/journeys/{id}/recipients/{profileKey}")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void historyShowsEveryStep() {
        JsonPath history = history(browser);

        Instant wokeUp = START.plus(Duration.ofMinutes(61));
        assertEquals(browser, history.getString("profileKey"));
        assertEquals(1, history.getList("entries").size());
        assertEquals("completed", history.getString("entries[0].status"));
        assertEquals("nudge", history.getString("entries[0].stepId"));
        assertNull(history.get("entries[0].exitReason"));
        assertEquals(List.of("cool-off", "cool-off", "cool-off", "converted", "converted", "pick", "pick", "nudge",
                "nudge", "nudge"), history.getList("entries[0].events.stepId"));
        assertEquals(List.of("entered", "waiting", "wait-over", "entered", "condition", "entered", "branch", "entered",
                "send", "completed"), history.getList("entries[0].events.event"));
        assertEquals(START.toString(), history.getString("entries[0].events[0].at"));
        assertEquals(START.plus(Duration.ofHours(1)).toString(), history.getString("entries[0].events[1].until"));
        assertEquals(wokeUp.toString(), history.getString("entries[0].events[2].at"));
        assertEquals("false", history.getString("entries[0].events[4].outcome"));
        assertEquals("pick", history.getString("entries[0].events[4].nextStep"));
        assertEquals("branch-0", history.getString("entries[0].events[6].outcome"));
        assertEquals("nudge", history.getString("entries[0].events[6].nextStep"));
        assertEquals("sent", history.getString("entries[0].events[8].outcome"));
        assertEquals("sms", history.getString("entries[0].events[8].send.channel"));
        assertEquals("sent", history.getString("entries[0].events[8].send.status"));
        assertEquals(wokeUp.toString(), history.getString("entries[0].finishedAt"));
    }

    @Test
    void historyShowsExitReason() {
        JsonPath history = history(buyer);

        assertEquals("exited", history.getString("entries[0].status"));
        assertEquals("exit step", history.getString("entries[0].exitReason"));
        assertEquals("true", history.getString("entries[0].events[4].outcome"));
        assertEquals("done", history.getString("entries[0].events[4].nextStep"));
        assertEquals(List.of("entered", "exited"), history.getList("entries[0].events.findAll { it.stepId == 'done' }.event"));
    }

    @Test
    void recipientsPageByEntryId() {
        JsonPath first = given().pathParam("id", journey.id()).queryParam("limit", 1)
                .when().get("/api/v1/journeys/{id}/recipients")
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = given().pathParam("id", journey.id()).queryParam("limit", 1)
                .queryParam("after", first.getLong("next"))
                .when().get("/api/v1/journeys/{id}/recipients")
                .then().statusCode(200).extract().jsonPath();
        JsonPath last = given().pathParam("id", journey.id()).queryParam("after", second.getLong("next"))
                .when().get("/api/v1/journeys/{id}/recipients")
                .then().statusCode(200).extract().jsonPath();
        JsonPath exited = given().pathParam("id", journey.id()).queryParam("status", "exited")
                .when().get("/api/v1/journeys/{id}/recipients")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(List.of(buyer), first.getList("recipients.profileKey"));
        assertEquals("done", first.getString("recipients[0].stepId"));
        assertEquals("exit", first.getString("recipients[0].stepType"));
        assertEquals(List.of(browser), second.getList("recipients.profileKey"));
        assertEquals("completed", second.getString("recipients[0].status"));
        assertEquals(List.of(), last.getList("recipients"));
        assertNull(last.get("next"));
        assertEquals(List.of(buyer), exited.getList("recipients.profileKey"));
        assertNull(exited.get("next"));
    }

    @Test
    void unknownIdsAreProblems() {
        given().pathParam("id", UUID.randomUUID()).when().get("/api/v1/journeys/{id}/recipients")
                .then().statusCode(404).body("type", equalTo("urn:channelmind:problem:journey-not-found"));
        given().pathParam("id", journey.id()).pathParam("profileKey", "demo:never-entered")
                .when().get("/api/v1/journeys/{id}/recipients/{profileKey}")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:journey-recipient-not-found"))
                .body("errors[0].field", equalTo("profileKey"));
    }

    @Test
    void invalidPageParametersAreProblems() {
        String[][] cases = { { "limit", "0" }, { "limit", "1001" }, { "limit", "many" }, { "after", "-1" },
                { "status", "sleeping" } };
        for (String[] invalid : cases) {
            given().pathParam("id", journey.id()).queryParam(invalid[0], invalid[1])
                    .when().get("/api/v1/journeys/{id}/recipients")
                    .then().statusCode(400)
                    .body("type", equalTo("urn:channelmind:problem:invalid-page-parameter"))
                    .body("errors[0].field", equalTo(invalid[0]))
                    .body("errors[0].value", equalTo(invalid[1]));
        }
    }
}
