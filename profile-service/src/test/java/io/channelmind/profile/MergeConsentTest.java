package io.channelmind.profile;

import static io.channelmind.profile.IdentityResolutionTest.alias;
import static io.channelmind.profile.IdentityResolutionTest.tracked;
import static io.channelmind.profile.TestEvents.contact;
import static io.channelmind.profile.TestEvents.sendCustomerEvents;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.repository.ConsentRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Checks which do-not-contact marks and purpose states a survivor keeps when a profile merges into it. */
@QuarkusTest
class MergeConsentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final Instant T2 = T0.plusSeconds(7200);

    @Inject
    Pool pool;

    @Inject
    ConsentRepository consent;

    @Test
    void optInCarriedToEmptySurvivor() {
        String ns = TestEvents.namespace();
        profiles(ns, "a", "b");
        setPurpose(ns + ":b", "email", "marketing", "confirmed", T1);

        merge(ns, "a", "b");

        JsonPath survivor = purposes(ns + ":a");
        assertEquals(List.of("email/marketing=confirmed"), states(survivor));
        assertEquals(T1.toString(), survivor.getString("purposes[0].confirmedAt"));
        assertEquals(List.of("merged from " + ns + ":b"), survivor.getList("history.change"));
        assertEquals(List.of("profile-merge"), survivor.getList("history.actor"));
        assertEquals(List.of("confirmed"), survivor.getList("history.note"));
        assertEquals(0, purposeRows(ns + ":b"), "the merged profile's rows moved");
    }

    @Test
    void laterStateWinsEitherSide() {
        String ns = TestEvents.namespace();
        profiles(ns, "a", "b");
        setPurpose(ns + ":a", "email", "marketing", "confirmed", T2);
        setPurpose(ns + ":b", "email", "marketing", "withdrawn", T1);
        setPurpose(ns + ":a", "sms", "profiling", "withdrawn", T1);
        setPurpose(ns + ":b", "sms", "profiling", "confirmed", T2);

        merge(ns, "a", "b");

        JsonPath survivor = purposes(ns + ":a");
        assertEquals(List.of("email/marketing=confirmed", "sms/profiling=confirmed"), states(survivor));
        assertEquals(List.of("sms"), survivor.getList("history.channel"), "only the carried state is recorded");
    }

    @Test
    void withdrawalWinsAtEqualTimes() {
        String ns = TestEvents.namespace();
        profiles(ns, "a", "b");
        setPurpose(ns + ":a", "email", "marketing", "confirmed", T1);
        setPurpose(ns + ":b", "email", "marketing", "withdrawn", T1);
        setPurpose(ns + ":a", "sms", "marketing", "withdrawn", T1);
        setPurpose(ns + ":b", "sms", "marketing", "pending", T1);

        merge(ns, "a", "b");

        assertEquals(List.of("email/marketing=withdrawn", "sms/marketing=withdrawn"), states(purposes(ns + ":a")));
    }

    @Test
    void doNotContactMarkWinsOverClear() {
        String ns = TestEvents.namespace();
        profiles(ns, "a", "b", "c", "d");
        setMark(ns + ":a", null, T2);
        setMark(ns + ":b", "bounced", T1);
        setMark(ns + ":c", "manual", T1);
        setMark(ns + ":d", null, T2);

        merge(ns, "a", "b");
        merge(ns, "c", "d");

        JsonPath marked = when().get("/api/v1/profiles/{key}/consent", ns + ":a").jsonPath();
        assertEquals("bounced", marked.getString("doNotContact.reason"), "the survivor's earlier clear lifts no mark");
        assertEquals(T1.toString(), marked.getString("doNotContact.at"));
        assertEquals(List.of("do-not-contact-set:bounced"), purposes(ns + ":a").getList("history.note"));
        assertEquals("manual", when().get("/api/v1/profiles/{key}/consent", ns + ":c").jsonPath()
                .getString("doNotContact.reason"), "the merged profile's later clear lifts no mark");
        assertEquals(List.of(), purposes(ns + ":c").getList("history"));
    }

    @Test
    void replayedMergeChangesNothing() {
        String ns = TestEvents.namespace();
        profiles(ns, "a", "b");
        setPurpose(ns + ":b", "email", "marketing", "withdrawn", T1);
        setMark(ns + ":b", "complained", T1);
        Map<String, Object> alias = alias(ns, "a", "b", T0.plusSeconds(10));
        sendCustomerEvents(List.of(alias));
        awaitMerged(ns, "a", "b");
        JsonPath before = purposes(ns + ":a");

        sendCustomerEvents(List.of(alias));
        sendCustomerEvents(List.of(tracked(contact(ns + ":a", T0.plusSeconds(20), "sms"), ns, "a", null)));
        awaitProfile(ns + ":a", "channels.find { it.channel == 'sms' }.contacts", 1);
        pool.withTransaction(client -> consent.carryOver(client, Map.of(ns + ":b", ns + ":a"), Instant.now()))
                .await().atMost(TIMEOUT);

        JsonPath after = purposes(ns + ":a");
        assertEquals(states(before), states(after));
        assertEquals(2, after.getList("history").size(), "one entry for the mark and one for the state");
        assertEquals(before.getList("history.at"), after.getList("history.at"));
    }

    @Test
    void mergeChainKeepsStrictestState() {
        String ns = TestEvents.namespace();
        profiles(ns, "a", "b", "c");
        setPurpose(ns + ":a", "email", "marketing", "confirmed", T0);
        setPurpose(ns + ":b", "email", "marketing", "confirmed", T1);
        setPurpose(ns + ":c", "email", "marketing", "withdrawn", T1);

        merge(ns, "b", "c");
        merge(ns, "a", "b");

        JsonPath survivor = purposes(ns + ":a");
        assertEquals(List.of("email/marketing=withdrawn"), states(survivor));
        assertEquals(T1.toString(), survivor.getString("purposes[0].withdrawnAt"));
        assertEquals(0, purposeRows(ns + ":b") + purposeRows(ns + ":c"));
    }

    @Test
    void tokenIssuedBeforeMergeConfirms() {
        String ns = TestEvents.namespace();
        profiles(ns, "a", "b");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("state", "granted", "doubleOptIn", true, "actor", "signup-form"))
                .put("/api/v1/privacy/consent/{key}/email/marketing", ns + ":b")
                .then().statusCode(200).extract().jsonPath().getString("confirmationToken");

        merge(ns, "a", "b");
        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/privacy/consent/confirmations").then().statusCode(200)
                .body("profileKey", equalTo(ns + ":a")).body("consent.state", equalTo("confirmed"));

        assertEquals(List.of("email/marketing=confirmed"), states(purposes(ns + ":a")));
    }

    private void profiles(String ns, String... names) {
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (String name : names) {
            contacts.add(tracked(contact(ns + ":" + name, T0, "email"), ns, name, null));
        }
        sendCustomerEvents(contacts);
        for (String name : names) {
            awaitProfile(ns + ":" + name, "contacts", 1);
        }
    }

    private static void merge(String ns, String survivor, String merged) {
        sendCustomerEvents(List.of(alias(ns, survivor, merged, T0.plusSeconds(10))));
        awaitMerged(ns, survivor, merged);
    }

    private static void awaitMerged(String ns, String survivor, String merged) {
        awaitProfile(ns + ":" + merged, "profileKey", ns + ":" + survivor);
    }

    private static void awaitProfile(String key, String path, Object expected) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/v1/profiles/{key}", key)
                .then().statusCode(200).body(path, equalTo(expected)));
    }

    private void setPurpose(String key, String channel, String purpose, String state, Instant at) {
        String sql = """
                insert into consent_purpose (profile_key, channel, purpose, state, requested_at, confirmed_at,
                                             withdrawn_at, updated_at)
                values ($1, $2, $3, $4::text, case when $4::text <> 'withdrawn' then $5::timestamptz end,
                        case when $4::text = 'confirmed' then $5::timestamptz end,
                        case when $4::text = 'withdrawn' then $5::timestamptz end, $5::timestamptz)""";
        pool.preparedQuery(sql).execute(Tuple.of(key, channel, purpose, state, at.atOffset(ZoneOffset.UTC)))
                .await().atMost(TIMEOUT);
    }

    /** Sets the profile's mark, or with a null reason records a clear at {@code at}. */
    private void setMark(String key, String reason, Instant at) {
        pool.preparedQuery("update profile set do_not_contact_reason = $2, do_not_contact_at = $3 where profile_key = $1")
                .execute(Tuple.of(key, reason, at.atOffset(ZoneOffset.UTC))).await().atMost(TIMEOUT);
    }

    private long purposeRows(String key) {
        return pool.preparedQuery("select count(*) from consent_purpose where profile_key = $1").execute(Tuple.of(key))
                .await().atMost(TIMEOUT).iterator().next().getLong(0);
    }

    private static JsonPath purposes(String key) {
        return when().get("/api/v1/privacy/consent/{key}", key).then().statusCode(200).extract().jsonPath();
    }

    /** Returns the survivor's states as "channel/purpose=state", ordered by channel and purpose. */
    private static List<String> states(JsonPath purposes) {
        List<String> states = new ArrayList<>();
        List<Map<String, Object>> rows = purposes.getList("purposes");
        rows.forEach(row -> states.add(row.get("channel") + "/" + row.get("purpose") + "=" + row.get("state")));
        return states;
    }
}
