package io.channelmind.automation.journey;

import static io.channelmind.automation.journey.JourneyFixtures.contentSend;
import static io.channelmind.automation.journey.JourneyFixtures.recommendedSend;
import static io.channelmind.automation.journey.JourneyFixtures.segmentJourney;
import static io.channelmind.automation.journey.JourneyFixtures.smsSend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.WireMockResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Journey sends choose the channel and the copy as campaigns do: channel-optimizer's recommendation
 * for the profile, content-service's approved variants, and placeholders filled at send time. SMS
 * text is counted in segments. Uses the WireMock stubs of the campaign tests.
 */
@QuarkusTest
class JourneyChannelContentTest extends JourneyEngineTestBase {

    @Inject
    MeterRegistry metrics;

    JourneyChannelContentTest() {
        super("2030-04-01T10:00:00Z");
    }

    /** A ledger row: channel, status, detail, copy id, SMS segments. */
    private record LedgerRow(String channel, String status, String detail, String copyId, Integer segments) {
    }

    private List<LedgerRow> ledger(UUID journeyId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select channel, status, detail, copy_id,"
                        + " sms_segments from journey_send where journey_id = ? order by created_at")) {
            select.setObject(1, journeyId);
            List<LedgerRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new LedgerRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getObject(5, Integer.class)));
                }
            }
            return rows;
        }
    }

    @Test
    void recommendedChannelSendsApprovedVariant() throws SQLException {
        String campaign = "welcome-" + run;
        String profileKey = profile("ana", "firstName", "Ana", "phone", "+8613800138001");
        DependencyStubs.profileRecommendation(profileKey, "sms");
        DependencyStubs.variants(campaign, "sms", List.of(
                DependencyStubs.variant("draft-" + run, "sms", null, "Draft {{firstName}}", false),
                DependencyStubs.variant("approved-" + run, "sms", null, "Hi {{firstName}}, 10% off today", true)));
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                recommendedSend("hello", List.of("slack", "sms"), campaign, null)));

        engine.enter(journey.id(), profileKey, "t1");

        assertEquals(1, sender.sent.size());
        assertEquals("Hi Ana, 10% off today", sender.sent.get(0).text());
        assertEquals("+8613800138001", sender.sent.get(0).to());
        LedgerRow row = ledger(journey.id()).get(0);
        assertEquals("sms", row.channel());
        assertEquals("sent", row.status());
        assertEquals("approved-" + run, row.copyId());
        assertEquals(1, row.segments());
        assertEquals(Map.of("entered", 1L, "sent", 1L), counts(journey, "hello"));
        WireMockResource.server().verify(getRequestedFor(
                urlPathEqualTo("/api/v1/recommendations/profiles/" + profileKey + "/channel"))
                .withQueryParam("candidates", equalTo("slack,sms")));
    }

    @Test
    void fixedChannelSkipsOptimizer() throws SQLException {
        String campaign = "fixed-" + run;
        String profileKey = profile("bo", "firstName", "Bo");
        DependencyStubs.variants(campaign, "slack", List.of(
                DependencyStubs.variant("slack-" + run, "slack", "News for {{firstName}}", "Read on, {{firstName}}", true)));
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                contentSend("post", "slack", campaign, null)));

        engine.enter(journey.id(), profileKey, "t1");

        assertEquals(1, sender.sent.size());
        assertEquals("News for Bo", sender.sent.get(0).subject());
        assertEquals("Read on, Bo", sender.sent.get(0).text());
        assertEquals("slack-" + run, ledger(journey.id()).get(0).copyId());
        assertNull(ledger(journey.id()).get(0).segments());
        assertEquals(0, WireMockResource.server().findAll(getRequestedFor(
                urlPathEqualTo("/api/v1/recommendations/profiles/" + profileKey + "/channel"))).size());
    }

    @Test
    void variantsListedOncePerStep() throws SQLException {
        String campaign = "cached-" + run;
        DependencyStubs.variants(campaign, "sms", List.of(
                DependencyStubs.variant("cached-" + run, "sms", null, "Hi {{firstName}}", true)));
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                contentSend("hello", "sms", campaign, null)));

        for (int index = 0; index < 5; index++) {
            engine.enter(journey.id(), profile("many-" + index, "firstName", "P" + index, "phone", "+861380013810" + index), "t1");
        }

        assertEquals(5, sender.sent.size());
        assertEquals(Map.of("entered", 5L, "sent", 5L), counts(journey, "hello"));
        assertEquals(1, WireMockResource.server().findAll(getRequestedFor(urlPathEqualTo("/api/v1/copy"))
                .withQueryParam("campaign", equalTo(campaign))).size());
    }

    @Test
    void noApprovedVariantFailsSend() throws SQLException {
        String campaign = "unapproved-" + run;
        String profileKey = profile("cy", "phone", "+8613800138002");
        DependencyStubs.variants(campaign, "sms", List.of(
                DependencyStubs.variant("draft-" + run, "sms", null, "Draft", false)));
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                contentSend("hello", "sms", campaign, null)));

        engine.enter(journey.id(), profileKey, "t1");

        assertEquals(0, sender.sent.size());
        LedgerRow row = ledger(journey.id()).get(0);
        assertEquals("failed", row.status());
        assertTrue(row.detail().contains("no approved variant of campaign " + campaign + " on channel sms"), row.detail());
        assertEquals(Map.of("entered", 1L, "failed", 1L), counts(journey, "hello"));
    }

    @Test
    void optimizerErrorFailsSend() throws SQLException {
        String profileKey = profile("dee", "phone", "+8613800138003");
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/recommendations/profiles/" + profileKey + "/channel"))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"urn:channelmind:problem:no-channel-data\",\"title\":\"No channel data\","
                                + "\"status\":409,\"detail\":\"No channel data yet\"}")));
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                recommendedSend("hello", List.of("sms", "wecom"), "any-" + run, null)));

        engine.enter(journey.id(), profileKey, "t1");

        assertEquals(0, sender.sent.size());
        LedgerRow row = ledger(journey.id()).get(0);
        assertEquals("failed", row.status());
        assertEquals("sms", row.channel());
        assertTrue(row.detail().contains("channel-optimizer"), row.detail());
        assertEquals(Map.of("entered", 1L, "failed", 1L), counts(journey, "hello"));
    }

    @Test
    void smsOverSegmentLimitSkipped() throws SQLException {
        // The text fits one segment with the name Ed, but Maximilian pushes it past 160 GSM-7 characters.
        String text = "{{firstName}} " + "a".repeat(150);
        String shortName = profile("ed", "firstName", "Ed", "phone", "+8613800138004");
        String longName = profile("max", "firstName", "Maximilian", "phone", "+8613800138005");
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                smsSend("hello", text, 1, null)));
        double before = segmentsCounted();

        engine.enter(journey.id(), shortName, "t1");
        engine.enter(journey.id(), longName, "t2");

        assertEquals(1, sender.sent.size());
        List<LedgerRow> rows = ledger(journey.id());
        assertEquals(new LedgerRow("sms", "skipped", "sms too long (2 segments, at most 1)", null, 2), rows.get(1));
        assertEquals(1, rows.get(0).segments());
        assertEquals(Map.of("entered", 2L, "sent", 1L, "skipped", 1L), counts(journey, "hello"));
        assertEquals(1.0, segmentsCounted() - before);
    }

    @Test
    void chineseSmsCountsUcs2Segments() throws SQLException {
        String profileKey = profile("li", "firstName", "李雷", "phone", "+8613800138006");
        JourneyStore.StoredJourney journey = store.create(segmentJourney("s-" + run, null,
                smsSend("hello", "{{firstName}}您好，" + "优惠".repeat(40), 3, null)));

        engine.enter(journey.id(), profileKey, "t1");

        assertEquals(1, sender.sent.size());
        assertEquals(2, ledger(journey.id()).get(0).segments());
    }

    private double segmentsCounted() {
        var counter = metrics.find(JourneyMessages.SEGMENTS_METRIC).tag("encoding", "gsm7").counter();
        return counter == null ? 0 : counter.count();
    }
}
