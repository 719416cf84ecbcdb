package io.channelmind.automation.service;

import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Quiet hours in a running campaign: a member whose local time is inside them gets no message
 * yet and waits as a pending row due later, which keeps the campaign running, while a member
 * twelve hours ahead gets one at once.
 */
@QuarkusTest
@TestProfile(QuietHoursRunTest.QuietNowInUtc.class)
class QuietHoursRunTest {

    /** Quiet hours from one hour before to two hours after the current UTC hour. */
    public static class QuietNowInUtc implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            LocalTime hour = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
            return Map.of(
                    "automation.quiet-hours.start", hour.minusHours(1).toString(),
                    "automation.quiet-hours.end", hour.plusHours(2).toString());
        }
    }

    @Test
    void memberInsideQuietHoursWaits() {
        Map<String, Object> sleeping = new HashMap<>(member("t:quiet-utc", "utc@quiet.example", null, "Ana",
                Map.of("email", true)));
        sleeping.put("timeZone", "UTC");
        Map<String, Object> awake = new HashMap<>(member("t:quiet-ahead", "ahead@quiet.example", null, "Rui",
                Map.of("email", true)));
        awake.put("timeZone", "Etc/GMT-12");
        DependencyStubs.segment("quiet", List.of(sleeping, awake));
        DependencyStubs.copy("quiet", "email", "copy-quiet");

        String id = CampaignApi.create("quiet", "email");
        CampaignApi.launch(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.forDomain("quiet.example").size() == 1);
        JsonPath campaign = CampaignApi.get(id);

        assertEquals("ahead@quiet.example", recipientOfOnlyMail());
        assertEquals("running", campaign.getString("status"));
        assertEquals(1, campaign.getInt("counts.processed"));
        assertEquals(1, campaign.getInt("counts.sent"));
        assertEquals(1, campaign.getInt("counts.pending"));
        given().when().get("/api/v1/campaigns/" + id + "/statistics")
                .then().statusCode(200)
                .body("pending", equalTo(1))
                .body("waiting", equalTo(1))
                .body("inFlight", equalTo(0))
                .body("nextDue", notNullValue());
    }

    private static String recipientOfOnlyMail() {
        try {
            return Mailbox.recipient(Mailbox.forDomain("quiet.example").get(0));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
