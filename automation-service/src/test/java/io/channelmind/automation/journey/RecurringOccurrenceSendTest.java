package io.channelmind.automation.journey;

import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.Mailbox;
import io.channelmind.automation.journey.JourneyFixtures.MutableClock;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RecurringOccurrenceSendTest {

    private static final String DOMAIN = "recurring.example";

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    OccurrenceLauncher launcher;

    @Test
    void everyOccurrenceSendsOncePerRecipient() throws Exception {
        DependencyStubs.segment("recurring", List.of(
                member("t:recurring-1", "ana@" + DOMAIN, null, "Ana", Map.of("email", true)),
                member("t:recurring-2", "bruno@" + DOMAIN, null, "Bruno", Map.of("email", true))));
        DependencyStubs.copy("recurring", "email", "copy-recurring");
        String campaignId = CampaignApi.create("recurring", "email");

        // 09:00 in Paris is 08:00Z in January.
        MutableClock clock = new MutableClock(Instant.parse("2027-01-04T07:00:00Z"));
        RecurringCampaigns beforeRestart = new RecurringCampaigns(dataSource, launcher, clock, audit);
        RecurringCampaigns.Schedule schedule = beforeRestart.create(UUID.fromString(campaignId), "0 9 * * *", "Europe/Paris");
        clock.set(Instant.parse("2027-01-04T08:01:00Z"));
        int firstLaunches = beforeRestart.fireDue();
        JsonPath first = CampaignApi.awaitFinished(campaignId);

        // A new instance over the same database is the service after a restart.
        RecurringCampaigns afterRestart = new RecurringCampaigns(dataSource, launcher, clock, audit);
        int replayedLaunches = afterRestart.fireDue();
        clock.set(Instant.parse("2027-01-05T08:01:00Z"));
        int secondLaunches = afterRestart.fireDue();
        JsonPath second = CampaignApi.awaitFinished(campaignId);

        launcher.launch(UUID.fromString(campaignId), Instant.parse("2027-01-04T08:00:00Z").atZone(ZoneId.of("Europe/Paris")));
        JsonPath replayed = CampaignApi.awaitFinished(campaignId);

        assertEquals(1, firstLaunches);
        assertEquals(0, replayedLaunches);
        assertEquals(1, secondLaunches);
        assertEquals(List.of("2027-01-04T09:00[Europe/Paris]", "2027-01-05T09:00[Europe/Paris]"),
                afterRestart.occurrences(schedule.id()));
        assertEquals("completed", first.getString("status"));
        assertEquals(2, first.getInt("counts.sent"));
        assertEquals("completed", second.getString("status"));
        // Campaign counts add up over launches, so the second occurrence brings the total to four.
        assertEquals(4, second.getInt("counts.sent"));
        assertEquals(0, second.getInt("counts.duplicates"));
        assertEquals("completed", replayed.getString("status"));
        assertEquals(4, replayed.getInt("counts.sent"));
        // Members that already have a send of this step are not counted again: duplicates are
        // profiles that share an address.
        assertEquals(0, replayed.getInt("counts.duplicates"));

        Map<String, Integer> mailsPerRecipient = new TreeMap<>();
        for (MimeMessage mail : Mailbox.forDomain(DOMAIN)) {
            mailsPerRecipient.merge(Mailbox.recipient(mail), 1, Integer::sum);
        }
        assertEquals(Map.of("ana@" + DOMAIN, 2, "bruno@" + DOMAIN, 2), mailsPerRecipient);

        List<String> steps = given().when().get("/api/v1/campaigns/" + campaignId + "/recipients/t:recurring-1")
                .then().statusCode(200).extract().jsonPath().getList("step", String.class);
        assertEquals(List.of("occurrence:2027-01-04T08:00:00Z", "occurrence:2027-01-05T08:00:00Z"), steps);
    }
}
