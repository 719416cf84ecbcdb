package io.channelmind.automation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
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

/** Relaunches after failures and lost runs, with the ledger and campaign rows prepared in SQL. */
@QuarkusTest
class RunRecoveryTest {

    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);

    @Inject
    Pool pool;

    @Test
    void failedSendRetriedOnRelaunch() {
        DependencyStubs.segment("retry", List.of(
                DependencyStubs.member("t:retry-1", "olga@retry.example", null, "Olga", EMAIL_CONSENT),
                DependencyStubs.member("t:retry-2", "paulo@retry.example", null, "Paulo", EMAIL_CONSENT)));
        DependencyStubs.copy("retry", "email", "copy-retry");
        String id = CampaignApi.create("retry", "email");
        insertSend(id, "t:retry-1", "olga@retry.example", "failed");
        insertSend(id, "t:retry-2", "paulo@retry.example", "pending");

        CampaignApi.launch(id);
        JsonPath campaign = CampaignApi.awaitFinished(id);

        assertEquals("completed", campaign.getString("status"));
        assertEquals(1, campaign.getInt("counts.sent"));
        assertEquals(1, campaign.getInt("counts.duplicates"));
        assertEquals(1, Mailbox.forDomain("retry.example").size());
        assertEquals(2, attempts(id, "t:retry-1"));
    }

    @Test
    void lostRunReadsAsFailed() {
        DependencyStubs.segment("lost", List.of());
        String id = CampaignApi.create("lost", "email");
        markLostRun(id, 3);

        given().when().get("/api/v1/campaigns/" + id)
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", startsWith("The run stopped reporting progress"))
                .body("counts.processed", equalTo(3));
    }

    @Test
    void lostRunCanBeRelaunched() {
        DependencyStubs.segment("lost-again", List.of(DependencyStubs.member("t:lost-again-1", "rui@lost.example", null, "Rui", EMAIL_CONSENT)));
        DependencyStubs.copy("lost-again", "email", "copy-lost-again");
        String id = CampaignApi.create("lost-again", "email");
        markLostRun(id, 0);

        CampaignApi.launch(id);
        JsonPath campaign = CampaignApi.awaitFinished(id);

        assertEquals("completed", campaign.getString("status"));
        assertEquals(1, campaign.getInt("counts.sent"));
    }

    private void insertSend(String campaignId, String profileKey, String address, String status) {
        UUID campaign = UUID.fromString(campaignId);
        String key = SendKeys.idempotencyKey(campaign, SendKeys.INITIAL_STEP, profileKey);
        String sql = """
                insert into send (campaign_id, step, profile_key, idempotency_key, channel, address_hash, status, attempts,
                    run_id, created_at, updated_at)
                values ($1, $2, $3, $4, 'email', $5, $6, 1, $7, now(), now())
                """;
        pool.preparedQuery(sql)
                .execute(Tuple.of(campaign, SendKeys.INITIAL_STEP, profileKey, key, SendKeys.addressHash(address), status)
                        .addUUID(UUID.randomUUID()))
                .await().indefinitely();
    }

    private int attempts(String campaignId, String profileKey) {
        String sql = "select attempts from send where campaign_id = $1 and profile_key = $2";
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(campaignId), profileKey))
                .await().indefinitely()
                .iterator().next().getInteger("attempts");
    }

    /** Makes the campaign look like a run whose instance stopped an hour ago. */
    private void markLostRun(String campaignId, int processed) {
        String sql = """
                update campaign set status = 'running', run_id = $2, processed = $3,
                    started_at = now() - interval '1 hour', heartbeat_at = now() - interval '1 hour'
                where id = $1
                """;
        pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(campaignId), UUID.randomUUID(), processed))
                .await().indefinitely();
    }
}
