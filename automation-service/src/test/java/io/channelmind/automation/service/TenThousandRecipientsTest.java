package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A campaign to 10,000 members, served by the profile-service stub in pages of 500, delivers
 * exactly one message to each member through the real SMTP server, each with its own Message-ID.
 */
@QuarkusTest
@TestProfile(TenThousandRecipientsTest.LargePages.class)
class TenThousandRecipientsTest {

    private static final int MEMBERS = 10_000;
    private static final String DOMAIN = "ten-thousand.example";

    /** Audience pages of 500 members, as in production, so the stub needs 20 pages and not 3,334. */
    public static class LargePages implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("automation.audience.page-size", "500");
        }
    }

    @Test
    void everyMemberGetsOneMessage() throws Exception {
        List<Map<String, Object>> members = new ArrayList<>(MEMBERS);
        for (int index = 0; index < MEMBERS; index++) {
            String key = String.format(Locale.ROOT, "t:large-%05d", index);
            members.add(DependencyStubs.member(key, "member" + index + "@" + DOMAIN, null, "Member", Map.of("email", true)));
        }
        DependencyStubs.segment("large", members);
        DependencyStubs.copy("large", "email", "copy-large");

        String id = CampaignApi.create("large", "email");
        CampaignApi.launch(id);
        // A bound for a stalled drain, not a speed target: on a machine shared with other builds
        // (load average 30 on 2 cores) 10,000 sends took longer than 3 minutes.
        JsonPath campaign = Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> CampaignApi.get(id), found -> "completed".equals(found.getString("status"))
                        || "failed".equals(found.getString("status")));

        List<MimeMessage> mails = Mailbox.forDomain(DOMAIN);
        Map<String, Integer> perRecipient = new HashMap<>();
        Map<String, Integer> perMessageId = new HashMap<>();
        for (MimeMessage mail : mails) {
            perRecipient.merge(Mailbox.recipient(mail).toLowerCase(Locale.ROOT), 1, Integer::sum);
            perMessageId.merge(Mailbox.header(mail, "Message-ID"), 1, Integer::sum);
        }
        assertEquals("completed", campaign.getString("status"));
        assertEquals(MEMBERS, campaign.getInt("counts.audience"));
        assertEquals(MEMBERS, campaign.getInt("counts.sent"));
        assertEquals(0, campaign.getInt("counts.pending"));
        assertEquals(0, campaign.getInt("counts.failed"));
        assertEquals(MEMBERS, mails.size());
        assertEquals(MEMBERS, perRecipient.size());
        assertEquals(MEMBERS, perMessageId.size());
        assertTrue(perRecipient.values().stream().allMatch(count -> count == 1), "a recipient got more than one message");
    }
}
