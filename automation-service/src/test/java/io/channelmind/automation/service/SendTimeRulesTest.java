package io.channelmind.automation.service;

import static io.channelmind.automation.DependencyStubs.member;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Do-not-contact entries and frequency caps, checked right before each send. */
@QuarkusTest
class SendTimeRulesTest {

    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);

    @Inject
    Pool pool;

    private static void stubOneMember(String segment, String address) {
        DependencyStubs.segment(segment, List.of(member("t:" + segment, address, null, "Ana", EMAIL_CONSENT)));
        DependencyStubs.copy(segment, "email", "copy-" + segment);
    }

    @Test
    void hardBouncedAddressSkipped() {
        stubOneMember("bounced", "gone@bounced.example");
        block(SendKeys.addressHash("gone@bounced.example"), "hard-bounce");

        JsonPath campaign = CampaignApi.run("bounced", "email");

        assertEquals("completed", campaign.getString("status"));
        assertEquals(0, campaign.getInt("counts.sent"));
        assertEquals(Map.of("hard bounce", 1), campaign.getMap("counts.skipped"));
        assertEquals(0, Mailbox.forDomain("bounced.example").size());
    }

    @Test
    void blockIsPerChannel() {
        stubOneMember("sms-blocked", "ana@sms-blocked.example");
        block(SendKeys.addressHash("ana@sms-blocked.example"), "unsubscribed", "sms");

        JsonPath campaign = CampaignApi.run("sms-blocked", "email");

        assertEquals(1, campaign.getInt("counts.sent"));
    }

    @Test
    void channelCapSkipsFourthCampaign() {
        stubOneMember("capped", "ana@capped.example");

        for (int run = 0; run < 3; run++) {
            assertEquals(1, CampaignApi.run("capped", "email").getInt("counts.sent"));
        }
        JsonPath fourth = CampaignApi.run("capped", "email");

        assertEquals("completed", fourth.getString("status"));
        assertEquals(0, fourth.getInt("counts.sent"));
        assertEquals(Map.of("frequency cap (channel)", 1), fourth.getMap("counts.skipped"));
        assertEquals(3, Mailbox.forDomain("capped.example").size());
    }

    @Test
    void capIgnoresOldSends() {
        stubOneMember("old-sends", "ana@old-sends.example");
        for (int run = 0; run < 3; run++) {
            CampaignApi.run("old-sends", "email");
        }
        String sql = "update send set accepted_at = now() - interval '8 days' where address_hash = $1";
        pool.preparedQuery(sql).execute(Tuple.of(SendKeys.addressHash("ana@old-sends.example"))).await().indefinitely();

        JsonPath fourth = CampaignApi.run("old-sends", "email");

        assertEquals(1, fourth.getInt("counts.sent"));
    }

    private void block(String addressHash, String reason) {
        block(addressHash, reason, "email");
    }

    private void block(String addressHash, String reason, String channel) {
        String sql = """
                insert into do_not_contact (address_hash, channel, reason, campaign_id, created_at)
                values ($1, $2, $3, $4, now())
                """;
        pool.preparedQuery(sql).execute(Tuple.of(addressHash, channel, reason, UUID.randomUUID()))
                .await().indefinitely();
    }
}
