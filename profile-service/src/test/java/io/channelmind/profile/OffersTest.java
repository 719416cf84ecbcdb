package io.channelmind.profile;

import static io.channelmind.profile.TestEvents.event;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.offer.OfferCatalogService;
import io.channelmind.profile.offer.OfferEvent;
import io.channelmind.profile.service.CustomerEventBatch;
import io.channelmind.profile.service.CustomerEventService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The offer catalogue consumer and the offer ranking endpoints, with the real models, Kafka and PostgreSQL. */
@QuarkusTest
class OffersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");

    private static final List<String> OUTDOOR = List.of("Waterproof hiking boots", "Two person camping tent",
            "双人野营帐篷带防潮垫", "Trekking poles for mountain walks", "轻量防水冲锋衣");
    private static final List<String> KITCHEN = List.of("Non-stick frying pan", "Set of four ceramic coffee mugs",
            "不粘锅煎锅和木铲套装", "Stainless steel cake tin", "陶瓷茶杯四件套");

    @Inject
    CustomerEventService events;

    @Inject
    OfferCatalogService catalog;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @Test
    void rankingFollowsInterests() {
        String ns = TestEvents.namespace();
        storeOffers(List.of(
                offer(ns + "-tent-en", "product", "Ultralight backpacking tent", "A tent for hiking and camping trips"),
                offer(ns + "-pack-zh", "product", "户外登山背包", "徒步露营用的防水背包"),
                offer(ns + "-pan-en", "product", "Cast iron skillet", "Cookware for frying and baking in the kitchen"),
                offer(ns + "-tea-zh", "product", "陶瓷茶具套装", "厨房餐具：茶杯和茶壶")));
        List<Map<String, Object>> purchases = new ArrayList<>();
        for (int i = 0; i < OUTDOOR.size(); i++) {
            purchases.add(purchase(ns + ":hiker", T0.plus(Duration.ofDays(i)), OUTDOOR.get(i)));
            purchases.add(purchase(ns + ":cook", T0.plus(Duration.ofDays(i)), KITCHEN.get(i)));
        }
        apply(purchases);

        List<String> hiker = ownOffers(offers(ns + ":hiker", "?limit=100"), ns);
        List<String> cook = ownOffers(offers(ns + ":cook", "?limit=100"), ns);

        assertEquals(Set.of(ns + "-tent-en", ns + "-pack-zh"), Set.copyOf(hiker.subList(0, 2)), "hiker " + hiker);
        assertEquals(Set.of(ns + "-pan-en", ns + "-tea-zh"), Set.copyOf(cook.subList(0, 2)), "cook " + cook);
    }

    @Test
    void reasonFollowsLanguage() {
        String ns = TestEvents.namespace();
        storeOffers(List.of(offer(ns + "-tent", "product", "Camping tent", "For hiking trips")));
        apply(List.of(purchase(ns + ":c", T0, "Waterproof hiking boots")));

        JsonPath english = offers(ns + ":c", "?limit=100");
        JsonPath chinese = given().header("Accept-Language", "zh-CN,zh;q=0.9")
                .when().get("/api/v1/profiles/" + ns + ":c/offers?limit=100")
                .then().statusCode(200).extract().jsonPath();

        assertEquals("interests", english.getString("basis"));
        assertEquals("en", english.getString("language"));
        assertTrue(reasonOf(english, ns + "-tent").startsWith("Matches the customer's interest in outdoor"),
                reasonOf(english, ns + "-tent"));
        assertEquals("zh-CN", chinese.getString("language"));
        assertTrue(reasonOf(chinese, ns + "-tent").startsWith("符合客户对户外的兴趣"), reasonOf(chinese, ns + "-tent"));
    }

    @Test
    void financialOffersFollowRiskTolerance() {
        String ns = TestEvents.namespace();
        storeOffers(List.of(financial(ns + "-fund-1", 1), financial(ns + "-fund-3", 3)));
        apply(List.of(identify(ns + ":careful", Map.of("riskTolerance", 2)), identify(ns + ":unknown", Map.of("ns", ns))));

        JsonPath careful = offers(ns + ":careful", "?limit=100&explain=true&kind=financial");
        JsonPath unknown = offers(ns + ":unknown", "?limit=100&explain=true&lang=zh-CN");

        assertEquals(List.of(ns + "-fund-1"), ownOffers(careful, ns));
        assertEquals("risk-above-tolerance", filterOf(careful, ns + "-fund-3"));
        assertEquals("Risk level 3 is above the customer's risk tolerance 2", filteredReasonOf(careful, ns + "-fund-3"));
        assertEquals(List.of(), ownOffers(unknown, ns));
        assertEquals("risk-tolerance-missing", filterOf(unknown, ns + "-fund-1"));
        assertTrue(filteredReasonOf(unknown, ns + "-fund-1").contains("riskTolerance"), filteredReasonOf(unknown, ns + "-fund-1"));
    }

    @Test
    void courseWaitsForPrerequisites() {
        String ns = TestEvents.namespace();
        OfferEvent basics = offer(ns + "-py-101", "course", "Python basics", "Variables and loops");
        OfferEvent analysis = new OfferEvent(1, ns + "-e-201", ns + "-py-201", "course", "active", "Python data analysis",
                null, "programming", null, null, null, List.of(ns + "-py-101"), null, null, "en");
        storeOffers(List.of(basics, analysis));
        apply(List.of(identify(ns + ":new", Map.of("ns", ns)),
                event("conversion", ns + ":bought", T0, "web", 99, Map.of("offerId", ns + "-py-101")),
                completed(ns + ":completed", ns + "-py-101")));

        JsonPath beginner = offers(ns + ":new", "?limit=100&explain=true&kind=course");
        JsonPath buyer = offers(ns + ":bought", "?limit=100&explain=true&kind=course");
        JsonPath graduate = offers(ns + ":completed", "?limit=100&explain=true&kind=course");

        assertEquals(List.of(ns + "-py-101"), ownOffers(beginner, ns));
        assertEquals("prerequisites-missing", filterOf(beginner, ns + "-py-201"));
        assertEquals(List.of(ns + "-py-101"), filtered(beginner, ns + "-py-201").get("missingPrerequisites"));
        assertEquals(List.of(ns + "-py-201"), ownOffers(buyer, ns));
        assertEquals("already-bought", filterOf(buyer, ns + "-py-101"));
        assertTrue(ownOffers(graduate, ns).contains(ns + "-py-201"), "after completion: " + ownOffers(graduate, ns));
    }

    @Test
    void boughtProductNeverAgain() {
        String ns = TestEvents.namespace();
        storeOffers(List.of(offer(ns + "-tea", "product", "Green tea", "Spring harvest"),
                offer(ns + "-cup", "product", "Tea cup", "Porcelain")));
        apply(List.of(event("conversion", ns + ":c", T0, "web", 12, Map.of("offerId", ns + "-tea"))));

        JsonPath result = offers(ns + ":c", "?limit=100&explain=true");

        assertEquals(List.of(ns + "-cup"), ownOffers(result, ns));
        assertEquals("already-bought", filterOf(result, ns + "-tea"));
    }

    @Test
    void profileWithoutInterestsFallsBack() {
        String ns = TestEvents.namespace();
        storeOffers(List.of(offer(ns + "-tea", "product", "Green tea", "Spring harvest")));
        apply(List.of(identify(ns + ":c", Map.of("ns", ns))));

        JsonPath result = offers(ns + ":c", "?limit=100");

        assertEquals("popularity", result.getString("basis"));
        assertTrue(reasonOf(result, ns + "-tea").startsWith("No interest texts or history yet"), reasonOf(result, ns + "-tea"));
    }

    @Test
    void byIdentityFindsProfile() {
        String ns = TestEvents.namespace();
        storeOffers(List.of(offer(ns + "-tea", "product", "Green tea", "Spring harvest")));
        apply(List.of(identify(ns + ":c", Map.of("email", ns + "@example.com"))));

        given().when().get("/api/v1/profiles/by-identity/offers?identityKind=email&identityValue=" + ns + "@example.com")
                .then().statusCode(200)
                .body("profileKey", equalTo(ns + ":c"))
                .body("offers.offerId", hasItem(ns + "-tea"));
    }

    @Test
    void segmentOffersAggregateMembers() {
        String ns = TestEvents.namespace();
        storeOffers(List.of(financial(ns + "-fund-1", 1), financial(ns + "-fund-5", 5)));
        apply(List.of(identify(ns + ":a", Map.of("ns", ns, "riskTolerance", 1)),
                identify(ns + ":b", Map.of("ns", ns, "riskTolerance", 5))));
        given().contentType(ContentType.JSON).body(Map.of("name", ns, "rule", "trait.ns = '" + ns + "'"))
                .when().post("/api/v1/segments").then().statusCode(201);

        JsonPath result = given().when().get("/api/v1/segments/" + ns + "/offers?limit=100&kind=financial&explain=true")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(2, result.getInt("segmentSize"));
        assertEquals(2, result.getInt("membersRead"));
        Map<String, Object> safe = entry(result.getList("offers"), ns + "-fund-1");
        Map<String, Object> risky = entry(result.getList("offers"), ns + "-fund-5");
        assertEquals(2, safe.get("eligibleMembers"));
        assertEquals(1, risky.get("eligibleMembers"));
        assertTrue(((Number) safe.get("score")).doubleValue() >= ((Number) risky.get("score")).doubleValue(),
                "safe " + safe + " risky " + risky);
        assertTrue(result.getList("filtered.offerId").stream().noneMatch(id -> id.toString().startsWith(ns)));
    }

    @Test
    void replayedOffersChangeNothing() {
        String ns = TestEvents.namespace();
        Map<String, Object> first = offerMessage(ns + "-a", ns + "-e1", "Camping stove", "active");
        Map<String, Object> second = offerMessage(ns + "-b", ns + "-e2", "Sleeping bag", "active");
        TestEvents.send("cm.offers", List.of(first, second));
        await().atMost(TIMEOUT).until(() -> storedTitle(ns + "-a") != null && storedTitle(ns + "-b") != null);
        OffsetDateTime storedAt = updatedAt(ns + "-b");

        Map<String, Object> renamed = offerMessage(ns + "-a", ns + "-e3", "Camping stove with pan", "active");
        Map<String, Object> withdrawn = offerMessage(ns + "-c", ns + "-e4", "Old lantern", "withdrawn");
        TestEvents.send("cm.offers", List.of(first, second, "not json", renamed, withdrawn));
        await().atMost(TIMEOUT).until(() -> "Camping stove with pan".equals(storedTitle(ns + "-a"))
                && storedTitle(ns + "-c") != null);

        assertEquals(storedAt, updatedAt(ns + "-b"));
        assertEquals(3L, count("select count(*) from offer where offer_id like $1", ns + "-%"));
        assertEquals("withdrawn", pool.preparedQuery("select status from offer where offer_id = $1")
                .execute(Tuple.of(ns + "-c")).await().atMost(TIMEOUT).iterator().next().getString(0));
        assertFalse(embeddingOf(ns + "-a").isEmpty());
    }

    @Test
    void badQueryIsRejected() {
        String ns = TestEvents.namespace();
        apply(List.of(identify(ns + ":c", Map.of("ns", ns))));
        String path = "/api/v1/profiles/" + ns + ":c/offers";

        given().when().get(path + "?kind=voucher").then().statusCode(400)
                .body("type", equalTo("urn:channelmind:problem:invalid-offer-kind"))
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].value", equalTo("voucher"));
        given().when().get(path + "?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().when().get(path + "?explain=maybe").then().statusCode(400).body("errors[0].field", equalTo("explain"));
        given().when().get(path + "?lang=fr").then().statusCode(400).body("errors[0].field", equalTo("lang"));
        given().when().get("/api/v1/profiles/by-identity/offers?identityKind=fax&identityValue=1").then().statusCode(400)
                .body("errors[0].field", equalTo("identityKind"));
        given().when().get("/api/v1/profiles/" + ns + ":nobody/offers").then().statusCode(404)
                .body("errors[0].field", equalTo("profileKey"));
        given().when().get("/api/v1/segments/" + ns + "-none/offers").then().statusCode(404)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void openApiDescribesOfferEndpoints() {
        JsonPath spec = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();

        Map<String, Object> profileOffers = spec.getMap("paths.'/api/v1/profiles/{profileKey}/offers'.get");
        Map<String, Object> segmentOffers = spec.getMap("paths.'/api/v1/segments/{name}/offers'.get");
        assertTrue(profileOffers.get("summary").toString().contains("profile"), profileOffers.toString());
        assertEquals(List.of("Offers"), profileOffers.get("tags"));
        // 401 and 403 come from the operation's @RolesAllowed.
        assertEquals(Set.of("200", "400", "401", "403", "404"),
                spec.getMap("paths.'/api/v1/profiles/{profileKey}/offers'.get.responses").keySet());
        assertTrue(segmentOffers.get("description").toString().contains("mean of its member scores"), segmentOffers.toString());
    }

    private void storeOffers(List<OfferEvent> offers) {
        catalog.apply(offers).await().atMost(TIMEOUT);
    }

    private void apply(List<Map<String, Object>> payloads) {
        List<CustomerEvent> parsed = payloads.stream().map(event -> mapper.convertValue(event, CustomerEvent.class)).toList();
        events.apply(new CustomerEventBatch(parsed.size(), Map.of(), parsed)).await().atMost(TIMEOUT);
    }

    private static JsonPath offers(String profileKey, String query) {
        return given().when().get("/api/v1/profiles/" + profileKey + "/offers" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Returns the ranked offer ids of this test's namespace, in rank order; other tests' offers share the catalogue. */
    private static List<String> ownOffers(JsonPath result, String ns) {
        return result.getList("offers.offerId", String.class).stream().filter(id -> id.startsWith(ns + "-")).toList();
    }

    private static String reasonOf(JsonPath result, String offerId) {
        return (String) entry(result.getList("offers"), offerId).get("reason");
    }

    private static Map<String, Object> filtered(JsonPath result, String offerId) {
        return entry(result.getList("filtered"), offerId);
    }

    private static String filterOf(JsonPath result, String offerId) {
        return (String) filtered(result, offerId).get("filter");
    }

    private static String filteredReasonOf(JsonPath result, String offerId) {
        return (String) filtered(result, offerId).get("reason");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(List<Object> entries, String offerId) {
        return entries.stream().map(item -> (Map<String, Object>) item)
                .filter(item -> offerId.equals(item.get("offerId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(offerId + " not in " + entries));
    }

    private String storedTitle(String offerId) {
        var rows = pool.preparedQuery("select title from offer where offer_id = $1").execute(Tuple.of(offerId))
                .await().atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    private OffsetDateTime updatedAt(String offerId) {
        return pool.preparedQuery("select updated_at from offer where offer_id = $1").execute(Tuple.of(offerId))
                .await().atMost(TIMEOUT).iterator().next().getOffsetDateTime(0);
    }

    private List<Double> embeddingOf(String offerId) {
        Row row = pool.preparedQuery("select embedding from offer where offer_id = $1").execute(Tuple.of(offerId))
                .await().atMost(TIMEOUT).iterator().next();
        return List.of(row.getArrayOfDoubles(0));
    }

    private long count(String sql, String parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(TIMEOUT).iterator().next().getLong(0);
    }

    private static OfferEvent offer(String id, String kind, String title, String description) {
        return new OfferEvent(1, id + "-e", id, kind, "active", title, description, null, null, null, null, List.of(),
                null, null, null);
    }

    private static OfferEvent financial(String id, int riskLevel) {
        return new OfferEvent(1, id + "-e", id, "financial", "active", "Fund " + id, "Bond fund", "funds", null, null,
                riskLevel, List.of(), null, null, "en");
    }

    private static Map<String, Object> offerMessage(String offerId, String eventId, String title, String status) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("schemaVersion", 1);
        message.put("eventId", eventId);
        message.put("offerId", offerId);
        message.put("kind", "product");
        message.put("status", status);
        message.put("title", title);
        message.put("category", "outdoor");
        return message;
    }

    private static Map<String, Object> purchase(String key, Instant at, String description) {
        return event("conversion", key, at, "web", 20, Map.of("description", description));
    }

    private static Map<String, Object> identify(String key, Map<String, Object> traits) {
        return event("identify", key, T0, null, null, traits);
    }

    private static Map<String, Object> completed(String key, String courseId) {
        Map<String, Object> track = event("track", key, T0, null, null, Map.of());
        track.put("event", "Course Completed");
        track.put("properties", Map.of("courseId", courseId));
        return track;
    }
}
