package io.channelmind.automation.rest;

import static io.channelmind.web.testing.BadInputCases.INJECTIONS;
import static io.channelmind.web.testing.BadInputCases.NOT_UUIDS;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import io.channelmind.web.testing.BadInputCases;
import io.channelmind.web.testing.BadInputSuiteBase;
import io.channelmind.web.testing.BadRequest;
import io.quarkus.test.junit.QuarkusTest;

/** Sends malformed requests to every public endpoint of automation-service and expects a 4xx problem for each. */
@QuarkusTest
class BadInputSuiteTest extends BadInputSuiteBase {

    private static final String CAMPAIGNS = "/api/v1/campaigns";
    private static final String CAMPAIGN = "{\"name\":\"Bad input\",\"segment\":\"bad-input\",\"channel\":\"email\","
            + "\"locale\":\"en\",\"brief\":{\"product\":\"Wealth Plus\",\"url\":\"https://example.com/offer\"},"
            + "\"sendWindow\":{\"start\":\"09:00\",\"end\":\"20:00\",\"zone\":\"Asia/Shanghai\"}}";
    private static final String UNKNOWN_CAMPAIGN = CAMPAIGNS + "/00000000-0000-0000-0000-000000000000";
    private static final String SCHEDULE = "{\"startAt\":\"2030-01-31T09:00:00Z\"}";
    private static final String JOURNEYS = "/api/v1/journeys";
    private static final String JOURNEY = "{\"name\":\"Bad input\",\"trigger\":{\"type\":\"segment-entered\","
            + "\"segment\":\"bad-input\"},\"reentry\":{\"mode\":\"never\"},\"steps\":[{\"id\":\"hello\",\"type\":"
            + "\"send\",\"channel\":\"webhook\",\"text\":\"Welcome\"}],\"purpose\":\"marketing\"}";
    private static final String RECURRING = "/api/v1/recurring-campaigns";
    private static final String SCHEDULE_RULE = "{\"campaignId\":\"00000000-0000-0000-0000-000000000000\","
            + "\"cron\":\"0 9 * * MON\",\"zone\":\"Europe/Paris\"}";
    private static final String COMPLAINTS = "/api/v1/feedback/complaints";
    private static final String COMPLAINT = "{\"source\":\"arf\",\"feedbackType\":\"abuse\","
            + "\"originalMessageId\":\"<no-such-message@example.com>\"}";

    @Override
    protected List<BadRequest> cases() {
        return BadInputCases.create()
                .malformedBodies("POST", CAMPAIGNS, CAMPAIGN)
                .wrongTypes("POST", CAMPAIGNS, CAMPAIGN, "name", "segment", "channel", "locale", "brief", "sendWindow")
                .missingFields("POST", CAMPAIGNS, CAMPAIGN, "name", "segment", "brief")
                .fieldValues("POST", CAMPAIGNS, CAMPAIGN, "segment", INJECTIONS)
                .fieldValues("POST", CAMPAIGNS, CAMPAIGN, "channel", List.of("{{7*7}}", "Carrier Pigeon"))
                .fieldValues("POST", CAMPAIGNS, CAMPAIGN, "locale", List.of("fr", "${jndi:ldap://127.0.0.1:1/a}"))
                .fieldValues("POST", CAMPAIGNS, CAMPAIGN, "name", List.of("n".repeat(201)))
                .fieldValues("POST", CAMPAIGNS, CAMPAIGN, "brief", List.of(Map.of("product", "p", "url", "javascript:alert(1)"),
                        Map.of("offer", "no product")))
                .fieldValues("POST", CAMPAIGNS, CAMPAIGN, "sendWindow", List.of(
                        Map.of("start", "25:00", "end", "20:00"), Map.of("start", "09:00", "end", "20:00", "zone", "Mars/Olympus")))
                .malformedBodies("POST", CAMPAIGNS + "/validate", CAMPAIGN)
                .pathValues("GET", CAMPAIGNS + "/{}", "id", NOT_UUIDS)
                .pathValues("POST", CAMPAIGNS + "/{}/launch", "id", List.of("not-a-uuid", "{{7*7}}"))
                .pathValues("POST", CAMPAIGNS + "/{}/pause", "id", List.of("not-a-uuid"))
                .pathValues("POST", CAMPAIGNS + "/{}/cancel", "id", List.of("' OR '1'='1' --"))
                .pathValues("GET", CAMPAIGNS + "/{}/statistics", "id", List.of("<script>alert(1)</script>"))
                .pathValues("GET", CAMPAIGNS + "/{}/recipients/bad-input:a", "id", List.of("not-a-uuid"))
                .malformedBodies("POST", UNKNOWN_CAMPAIGN + "/schedule", SCHEDULE)
                .fieldValues("POST", UNKNOWN_CAMPAIGN + "/schedule", SCHEDULE, "startAt", List.of("tomorrow", "2030-02-30T09:00:00Z"))
                .missingFields("POST", UNKNOWN_CAMPAIGN + "/schedule", SCHEDULE, "startAt")
                .malformedBodies("POST", JOURNEYS, JOURNEY)
                .wrongTypes("POST", JOURNEYS, JOURNEY, "name", "trigger", "steps", "purpose")
                .fieldValues("POST", JOURNEYS, JOURNEY, "purpose", List.of("everything", "{{7*7}}"))
                .fieldValues("POST", JOURNEYS, JOURNEY, "steps", List.of(List.of(), List.of(Map.of("id", "x", "type", "teleport"))))
                .fieldValues("POST", JOURNEYS, JOURNEY, "trigger", List.of(Map.of("type", "moon-phase")))
                .malformedBodies("POST", JOURNEYS + "/validate", JOURNEY)
                .pathValues("GET", JOURNEYS + "/{}", "id", List.of("not-a-uuid", "../../etc/passwd"))
                .pathValues("PUT", JOURNEYS + "/{}", "id", List.of("not-a-uuid"), JOURNEY)
                .pathValues("DELETE", JOURNEYS + "/{}", "id", List.of("' OR '1'='1' --"))
                .pathValues("GET", JOURNEYS + "/{}/stats", "id", List.of("{{7*7}}"))
                .queryValues("GET", JOURNEYS + "/00000000-0000-0000-0000-000000000000/recipients", "limit",
                        List.of("-1", "abc", "1000000"))
                .malformedBodies("POST", RECURRING, SCHEDULE_RULE)
                .fieldValues("POST", RECURRING, SCHEDULE_RULE, "cron", List.of("every day", "{{7*7}}", "61 * * * *"))
                .fieldValues("POST", RECURRING, SCHEDULE_RULE, "zone", List.of("Mars/Olympus"))
                .fieldValues("POST", RECURRING, SCHEDULE_RULE, "campaignId", List.of("not-a-uuid"))
                .missingFields("POST", RECURRING, SCHEDULE_RULE, "campaignId", "cron")
                .pathValues("GET", RECURRING + "/{}/occurrences", "id", List.of("not-a-uuid"))
                .malformedBodies("POST", COMPLAINTS, COMPLAINT)
                .fieldValues("POST", COMPLAINTS, COMPLAINT, "feedbackType", List.of("praise"))
                .wrongTypes("POST", COMPLAINTS, COMPLAINT, "feedbackType", "originalMessageId")
                // The signature is checked before the target, so the problem names s.
                .add("unsigned click to javascript:", "GET", "/api/v1/feedback/click?m=abc&s=abc&u="
                        + BadInputCases.encode("javascript:alert(1)"), null, null, "s")
                .build();
    }

    @Override
    protected void assertServing() {
        when().get(CAMPAIGNS).then().statusCode(200);
        when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
