package io.channelmind.automation.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.WireMockResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The heartbeat of a launch, read from the campaign row while the fill waits for a slow page. */
@QuarkusTest
class HeartbeatTest {

    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);
    private static final int SLOW_PAGE_DELAY_MILLIS = 5000;

    @Inject
    Pool pool;

    @Test
    void heartbeatStoresProgressWhileRunning() {
        String segment = "heartbeat";
        DependencyStubs.segment(segment, List.of(
                DependencyStubs.member("t:heartbeat-1", "ines@heartbeat.example", null, "Ines", EMAIL_CONSENT),
                DependencyStubs.member("t:heartbeat-2", null, null, "Joao", EMAIL_CONSENT),
                DependencyStubs.member("t:heartbeat-3", "kai@heartbeat.example", null, "Kai", Map.of("email", false)),
                DependencyStubs.member("t:heartbeat-4", "lia@heartbeat.example", null, "Lia", EMAIL_CONSENT),
                DependencyStubs.member("t:heartbeat-5", null, null, "Mara", EMAIL_CONSENT),
                DependencyStubs.member("t:heartbeat-6", "nuno@heartbeat.example", null, "Nuno", EMAIL_CONSENT),
                DependencyStubs.member("t:heartbeat-7", "olga@heartbeat.example", null, "Olga", EMAIL_CONSENT)));
        DependencyStubs.copy(segment, "email", "copy-heartbeat");
        delayLastPage(segment, "t:heartbeat-6");
        String id = CampaignApi.create(segment, "email");

        CampaignApi.launch(id);
        Row stored = await().atMost(Duration.ofMillis(SLOW_PAGE_DELAY_MILLIS - 1000))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> campaignRow(id), row -> row.getInteger("audience") == 6 && row.getBoolean("renewed"));
        JsonPath running = await().atMost(Duration.ofMillis(SLOW_PAGE_DELAY_MILLIS - 1000))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> CampaignApi.get(id), campaign -> campaign.getInt("counts.processed") == 6);

        assertEquals("running", stored.getString("status"));
        assertFalse(stored.getBoolean("filled"), "filled_at must stay null until the last page is written");
        assertEquals("running", running.getString("status"));
        assertEquals(3, running.getInt("counts.sent"));
        assertEquals(Map.of("no contact point", 2, "no consent", 1), running.getMap("counts.skipped"));

        JsonPath finished = CampaignApi.awaitFinished(id);
        Row finishedRow = campaignRow(id);
        assertEquals("completed", finished.getString("status"));
        assertEquals(7, finished.getInt("counts.processed"));
        assertEquals(4, finished.getInt("counts.sent"));
        assertEquals(7, finishedRow.getInteger("audience"));
        assertTrue(finishedRow.getBoolean("filled"));
        assertEquals("completed", finishedRow.getString("status"));
    }

    /** Replaces the stub of the page after {@code after} with one that responds after a delay. */
    private static void delayLastPage(String segment, String after) {
        List<Map<String, Object>> lastPage = List.of(
                DependencyStubs.member("t:heartbeat-7", "olga@heartbeat.example", null, "Olga", EMAIL_CONSENT));
        String body = "{\"segment\":\"" + segment + "\",\"next\":null,\"members\":" + toJson(lastPage) + "}";
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/segments/" + segment + "/members"))
                .withQueryParam("after", equalTo(after))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(body).withFixedDelay(SLOW_PAGE_DELAY_MILLIS)));
    }

    private static String toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Row campaignRow(String campaignId) {
        String sql = """
                select status, audience, filled_at is not null as filled, heartbeat_at > started_at as renewed
                from campaign where id = $1
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(campaignId)))
                .await().indefinitely()
                .iterator().next();
    }
}
