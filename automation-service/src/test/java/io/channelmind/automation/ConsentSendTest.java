package io.channelmind.automation;

import static io.channelmind.automation.ConsentChanges.clearMark;
import static io.channelmind.automation.ConsentChanges.consent;
import static io.channelmind.automation.ConsentChanges.manualMark;
import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Consent changes that profile-service publishes on cm.consent-changes stop campaign sends at
 * send time, after the audience was read with consent granted.
 */
@QuarkusTest
class ConsentSendTest {

    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);

    @Inject
    Pool pool;

    /**
     * The campaign's rows wait for a send window two hours away, so the changes arrive between the
     * audience read and the send. The test then opens the window by clearing it in the database
     * instead of waiting for the clock.
     */
    @Test
    void changesAfterAudienceStopSends() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String domain = "consent-" + run + ".example";
        String segment = "consent-" + run;
        List<String> names = List.of("withdrawn", "pending", "manual", "late", "kept", "transactional");
        DependencyStubs.segment(segment, names.stream()
                .map(name -> member(key(run, name), name + "@" + domain, null, name, EMAIL_CONSENT)).toList());
        DependencyStubs.copy(segment, "email", "copy-" + segment);
        String id = createWithClosedWindow(segment);
        CampaignApi.launch(id);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> statistics(id).getInt("pending") == names.size());

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> lateWithdrawal = consent(key(run, "late"), "email", "marketing", "withdrawn", now);
        ConsentChanges.publishAndAwait(pool,
                consent(key(run, "withdrawn"), "email", "marketing", "withdrawn", now),
                consent(key(run, "pending"), "email", "marketing", "pending", now),
                manualMark(key(run, "manual"), now),
                consent(key(run, "kept"), "email", "marketing", "confirmed", now),
                consent(key(run, "transactional"), "email", "transactional", "withdrawn", now),
                lateWithdrawal);
        // An older grant that arrives late and a redelivered withdrawal change nothing. The profiling
        // consent that follows on the same partition shows that both were consumed.
        Map<String, Object> marker = consent(key(run, "late"), "email", "profiling", "confirmed", now);
        ConsentChanges.publishAndAwait(pool,
                consent(key(run, "late"), "email", "marketing", "confirmed", now.minusSeconds(60)),
                lateWithdrawal,
                marker);
        openWindow(id);
        JsonPath campaign = CampaignApi.awaitFinished(id);

        assertEquals("completed", campaign.getString("status"));
        assertEquals(2, campaign.getInt("counts.sent"));
        assertEquals(Map.of("consent withdrawn (marketing)", 2, "consent pending (marketing)", 1,
                "do-not-contact (manual)", 1), campaign.getMap("counts.skipped"));
        assertEquals(campaign.getMap("counts.skipped"), statistics(id).getMap("skipped"));
        assertEquals(Set.of("kept@" + domain, "transactional@" + domain), recipients(domain));
        assertEquals("consent withdrawn (marketing)", history(id, key(run, "withdrawn")).getString("[0].skipReason"));
        assertEquals("do-not-contact (manual)", history(id, key(run, "manual")).getString("[0].skipReason"));
        assertEquals(lateWithdrawal.get("eventId"), storedEventId(key(run, "late"), "marketing"));
    }

    @Test
    void regrantSendsLaterCampaign() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String domain = "regrant-" + run + ".example";
        String regranted = key(run, "regranted");
        String cleared = key(run, "cleared");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ConsentChanges.publishAndAwait(pool, consent(regranted, "email", "marketing", "withdrawn", start));
        ConsentChanges.publishAndAwait(pool, manualMark(cleared, start));

        JsonPath first = runCampaign("regrant-first-" + run, domain, regranted, cleared);
        ConsentChanges.publishAndAwait(pool, consent(regranted, "email", "marketing", "confirmed", start.plusSeconds(1)));
        ConsentChanges.publishAndAwait(pool, clearMark(cleared, start.plusSeconds(1)));
        JsonPath second = runCampaign("regrant-second-" + run, domain, regranted, cleared);

        assertEquals(0, first.getInt("counts.sent"));
        assertEquals(Map.of("consent withdrawn (marketing)", 1, "do-not-contact (manual)", 1),
                first.getMap("counts.skipped"));
        assertEquals(2, second.getInt("counts.sent"));
        assertEquals(Map.of(), second.getMap("counts.skipped"));
        assertEquals(2, Mailbox.forDomain(domain).size());
    }

    @Test
    void malformedChangeIsSkipped() {
        String profileKey = "t:malformed-" + UUID.randomUUID();
        Map<String, Object> noState = consent(profileKey, "email", "marketing", null, Instant.now());
        Map<String, Object> valid = consent(profileKey, "email", "marketing", "withdrawn", Instant.now());

        ConsentChanges.publishAndAwait(pool, noState, valid);

        assertEquals(valid.get("eventId"), storedEventId(profileKey, "marketing"));
    }

    private static String key(String run, String name) {
        return "t:consent-" + run + "-" + name;
    }

    private JsonPath runCampaign(String segment, String domain, String... profileKeys) {
        DependencyStubs.segment(segment, List.of(profileKeys).stream()
                .map(key -> member(key, key.substring(key.lastIndexOf('-') + 1) + "@" + domain, null, "Ana",
                        EMAIL_CONSENT))
                .toList());
        DependencyStubs.copy(segment, "email", "copy-" + segment);
        return CampaignApi.run(segment, "email");
    }

    private static String createWithClosedWindow(String segment) {
        LocalTime opens = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(2);
        Map<String, Object> request = new LinkedHashMap<>(CampaignApi.request(segment, "email"));
        request.put("sendWindow", Map.of("start", opens.toString(), "end", opens.plusHours(1).toString(), "zone", "UTC"));
        return given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/campaigns")
                .then().statusCode(201)
                .extract().path("id");
    }

    private void openWindow(String id) {
        sql("update campaign set send_window_start = null, send_window_end = null, send_window_zone = null"
                + " where id = $1::uuid", id);
        sql("update send set due_at = now() where campaign_id = $1::uuid and status = 'pending'", id);
    }

    private String storedEventId(String profileKey, String purpose) {
        return pool.preparedQuery("select event_id from consent_purpose where profile_key = $1 and purpose = $2")
                .execute(Tuple.of(profileKey, purpose)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);
    }

    private void sql(String statement, Object... parameters) {
        pool.preparedQuery(statement).execute(Tuple.from(List.of(parameters))).await().atMost(Duration.ofSeconds(10));
    }

    private static Set<String> recipients(String domain) {
        Set<String> recipients = new TreeSet<>();
        for (MimeMessage mail : Mailbox.forDomain(domain)) {
            try {
                recipients.add(Mailbox.recipient(mail));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return recipients;
    }

    private static JsonPath statistics(String id) {
        return given().when().get("/api/v1/campaigns/" + id + "/statistics").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath history(String id, String profileKey) {
        return given().when().get("/api/v1/campaigns/" + id + "/recipients/" + profileKey)
                .then().statusCode(200).extract().jsonPath();
    }
}
