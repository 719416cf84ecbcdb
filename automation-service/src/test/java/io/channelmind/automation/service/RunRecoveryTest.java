package io.channelmind.automation.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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

/**
 * Recovery from failed sends and from instances that stopped, with the send and campaign rows
 * prepared in SQL as a stopped instance leaves them.
 */
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
        insertSend(id, "t:retry-1", "olga@retry.example", "failed", null);

        CampaignApi.launch(id);
        JsonPath campaign = CampaignApi.awaitFinished(id);

        assertEquals("completed", campaign.getString("status"));
        assertEquals(2, campaign.getInt("counts.sent"));
        assertEquals(0, campaign.getInt("counts.failed"));
        assertEquals(2, Mailbox.forDomain("retry.example").size());
        assertEquals(2, attempts(id, "t:retry-1"));
        assertEquals(1, attempts(id, "t:retry-2"));
    }

    @Test
    void expiredClaimIsSentByDrainer() {
        DependencyStubs.segment("lease-ended", List.of());
        DependencyStubs.copy("lease-ended", "email", "copy-lease-ended");
        String id = CampaignApi.create("lease-ended", "email");
        // The row goes in first, because a drainer completes a filled campaign that has no pending row.
        insertSend(id, "t:lease-ended-1", "vera@lease-ended.example", "pending", "stopped-instance");
        markFilledRun(id);

        JsonPath campaign = CampaignApi.awaitFinished(id);

        assertEquals("completed", campaign.getString("status"));
        assertEquals(1, campaign.getInt("counts.sent"));
        assertEquals(1, Mailbox.forDomain("lease-ended.example").size());
        assertEquals(2, attempts(id, "t:lease-ended-1"));
    }

    @Test
    void lostFillIsTakenOver() {
        DependencyStubs.segment("lost-fill", List.of(
                DependencyStubs.member("t:lost-fill-1", "rui@lost-fill.example", null, "Rui", EMAIL_CONSENT)));
        DependencyStubs.copy("lost-fill", "email", "copy-lost-fill");
        String id = CampaignApi.create("lost-fill", "email");
        markLostFill(id);

        JsonPath campaign = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> CampaignApi.get(id), found -> "completed".equals(found.getString("status")));

        assertEquals(2, campaign.getInt("launches"));
        assertEquals(1, campaign.getInt("counts.sent"));
        assertEquals(1, Mailbox.forDomain("lost-fill.example").size());
    }

    /** Inserts a send row; a non-null claimer holds it under a lease that ended a second ago. */
    private void insertSend(String campaignId, String profileKey, String address, String status, String claimer) {
        UUID campaign = UUID.fromString(campaignId);
        String key = SendKeys.idempotencyKey(campaign, SendKeys.INITIAL_STEP, profileKey);
        String sql = """
                insert into send (campaign_id, step, profile_key, idempotency_key, channel, address_hash, status, attempts,
                    run_id, message_id, address, first_name, time_zone, due_at, claimed_by, claimed_until, created_at,
                    updated_at)
                values ($1, $2, $3, $4, 'email', $5, $6, 1, $7, $8, $9, 'Test', 'UTC', now(), $10,
                    case when $10::text is null then null else now() - interval '1 second' end, now(), now())
                """;
        Tuple values = Tuple.of(campaign, SendKeys.INITIAL_STEP, profileKey, key, SendKeys.addressHash(address), status)
                .addUUID(UUID.randomUUID())
                .addString("<" + SendKeys.token(key) + "@channelmind.local>")
                .addString(address)
                .addString(claimer);
        pool.preparedQuery(sql).execute(values).await().indefinitely();
    }

    private int attempts(String campaignId, String profileKey) {
        String sql = "select attempts from send where campaign_id = $1 and profile_key = $2";
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(campaignId), profileKey))
                .await().indefinitely()
                .iterator().next().getInteger("attempts");
    }

    /** Makes the campaign look like a launch that filled its outbox on an instance that then stopped. */
    private void markFilledRun(String campaignId) {
        String sql = """
                update campaign set status = 'running', run_id = $2, channel = 'email', copy_id = 'copy-lease-ended',
                    copy_subject = 'Hello', copy_body = 'Hello {{firstName}}', started_at = now(),
                    heartbeat_at = now(), filled_at = now()
                where id = $1
                """;
        pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(campaignId), UUID.randomUUID()))
                .await().indefinitely();
    }

    /** Makes the campaign look like a launch whose instance stopped an hour ago while reading the segment. */
    private void markLostFill(String campaignId) {
        String sql = """
                update campaign set status = 'running', run_id = $2, launches = 1,
                    started_at = now() - interval '1 hour', heartbeat_at = now() - interval '1 hour'
                where id = $1
                """;
        pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(campaignId), UUID.randomUUID()))
                .await().indefinitely();
    }
}
