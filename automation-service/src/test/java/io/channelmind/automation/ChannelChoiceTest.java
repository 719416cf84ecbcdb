package io.channelmind.automation;

import static io.channelmind.automation.DependencyStubs.member;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ChannelChoiceTest {

    private static final String REASON = "email converts 4.1% of contacts (41 of 1,000) against 2.0% for sms.";

    @Test
    void recommendationUsedWithoutFixedChannel() {
        DependencyStubs.segment("recommended", List.of(
                member("t:recommended-1", "hana@recommended.example", null, "Hana", Map.of("email", true)),
                member("t:recommended-2", "ivo@recommended.example", null, "Ivo", Map.of("email", true))));
        DependencyStubs.recommendation("recommended", "email", REASON);
        DependencyStubs.copy("recommended", "email", "copy-recommended");

        JsonPath campaign = CampaignApi.run("recommended", null);

        assertEquals("completed", campaign.getString("status"));
        assertEquals("email", campaign.getString("channel"));
        assertEquals("email", campaign.getString("recommendation.channel"));
        assertEquals(REASON, campaign.getString("recommendation.reason"));
        assertEquals(2, campaign.getInt("counts.sent"));
        assertEquals(2, Mailbox.forDomain("recommended.example").size());
    }

    @Test
    void smsMembersSkippedWithoutConnector() {
        DependencyStubs.segment("texting", List.of(
                member("t:texting-1", "jo@texting.example", null, "Jo", Map.of("sms", true)),
                member("t:texting-2", null, "+351910000002", "Kai", Map.of("email", true)),
                member("t:texting-3", null, "+351910000003", "Lia", Map.of("sms", true))));
        DependencyStubs.recommendation("texting", "sms", "sms reaches most members.");
        DependencyStubs.copy("texting", "sms", "copy-texting");

        JsonPath campaign = CampaignApi.run("texting", null);

        assertEquals("completed", campaign.getString("status"));
        assertEquals("sms", campaign.getString("channel"));
        assertEquals(3, campaign.getInt("counts.processed"));
        assertEquals(0, campaign.getInt("counts.sent"));
        assertEquals(Map.of("no contact point", 1, "no consent", 1, "channel not supported", 1),
                campaign.getMap("counts.skipped"));
    }
}
