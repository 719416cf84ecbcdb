package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.conversion;
import static io.channelmind.optimizer.TestEvents.membership;
import static io.channelmind.optimizer.TestEvents.spend;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ChannelPerformanceTest {

    @Test
    void performanceCountsContactsAndConversions() {
        String channel = unique("email");
        String importId = unique("import");
        String alice = unique("test:alice");
        String bob = unique("test:bob");
        String carol = unique("test:carol");
        TestEvents.sendCustomerEvents(List.of(
                contact(alice, channel, importId),
                contact(alice, channel, importId),
                contact(bob, channel, importId),
                contact(carol, channel, importId),
                conversion(alice, channel, 100.0, importId),
                conversion(bob, channel, 50.5, importId)));
        TestEvents.sendSpend(List.of(
                spend(channel, "2024-05-01", 30.0, importId),
                spend(channel, "2024-05-01", 20.0, importId),
                spend(channel, "2024-05-02", 50.0, importId)));

        TestEvents.awaitImportProgress(importId, 9);
        Map<String, Object> row = channelRow(channel);

        assertEquals(4, row.get("contacts"));
        assertEquals(3, row.get("reached"));
        assertEquals(2, row.get("conversions"));
        assertEquals(0.5, ((Number) row.get("conversionRate")).doubleValue(), 1e-9);
        assertEquals(150.5, ((Number) row.get("value")).doubleValue(), 1e-9);
        assertEquals(100.0, ((Number) row.get("cost")).doubleValue(), 1e-9);
        assertEquals(50.0, ((Number) row.get("costPerConversion")).doubleValue(), 1e-9);
    }

    @Test
    void zeroDenominatorsGiveNull() {
        String conversionsOnly = unique("sms");
        String contactsOnly = unique("social");
        String spendOnly = unique("billboard");
        String importId = unique("import");
        String dave = unique("test:dave");
        TestEvents.sendCustomerEvents(List.of(
                conversion(dave, conversionsOnly, 10.0, importId),
                contact(dave, contactsOnly, importId)));
        TestEvents.sendSpend(List.of(
                spend(contactsOnly, "2024-05-01", 12.0, importId),
                spend(spendOnly, "2024-05-01", 99.0, importId)));

        TestEvents.awaitImportProgress(importId, 4);
        Map<String, Object> noContacts = channelRow(conversionsOnly);
        Map<String, Object> noConversions = channelRow(contactsOnly);
        Map<String, Object> noEvents = channelRow(spendOnly);

        assertNull(noContacts.get("conversionRate"));
        assertNull(noContacts.get("cost"));
        assertNull(noContacts.get("costPerConversion"));
        assertEquals(0.0, ((Number) noConversions.get("conversionRate")).doubleValue(), 1e-9);
        assertNull(noConversions.get("costPerConversion"));
        assertEquals(0, noEvents.get("contacts"));
        assertNull(noEvents.get("conversionRate"));
        assertNull(noEvents.get("costPerConversion"));
    }

    @Test
    void nullFieldsAreWrittenAsJsonNull() {
        String channel = unique("push");
        String importId = unique("import");
        TestEvents.sendSpend(List.of(spend(channel, "2024-05-03", 5.0, importId)));

        TestEvents.awaitImportProgress(importId, 1);
        String body = given().get("/api/v1/channels/performance").then().statusCode(200).extract().asString();

        assertTrue(body.contains("\"segment\":null"));
        assertTrue(body.contains("\"conversionRate\":null"));
        assertFalse(body.contains("NaN"));
        assertFalse(body.contains("Infinity"));
    }

    @Test
    void replayedEventsCountOnce() {
        String channel = unique("email");
        String importId = unique("import");
        String erin = unique("test:erin");
        Map<String, Object> contact = contact(erin, channel, importId);
        Map<String, Object> conversion = conversion(erin, channel, 25.0, importId);
        Map<String, Object> cost = spend(channel, "2024-05-01", 40.0, importId);
        TestEvents.sendCustomerEvents(List.of(contact, conversion));
        TestEvents.sendSpend(List.of(cost));
        TestEvents.awaitImportProgress(importId, 3);

        TestEvents.sendCustomerEvents(List.of(contact, conversion, contact));
        TestEvents.sendSpend(List.of(cost, cost));
        TestEvents.awaitImportProgress(importId, 8);
        Map<String, Object> row = channelRow(channel);

        assertEquals(1, row.get("contacts"));
        assertEquals(1, row.get("conversions"));
        assertEquals(25.0, ((Number) row.get("value")).doubleValue(), 1e-9);
        assertEquals(40.0, ((Number) row.get("cost")).doubleValue(), 1e-9);
    }

    @Test
    void segmentFilterCountsOnlyMembers() {
        String channel = unique("email");
        String segment = unique("segment");
        String importId = unique("import");
        String frank = unique("test:frank");
        String grace = unique("test:grace");
        String heidi = unique("test:heidi");
        TestEvents.sendCustomerEvents(List.of(
                contact(frank, channel, importId),
                contact(grace, channel, importId),
                contact(heidi, channel, importId),
                conversion(frank, channel, 70.0, importId),
                conversion(heidi, channel, 30.0, importId)));
        TestEvents.sendSpend(List.of(spend(channel, "2024-05-01", 60.0, importId)));
        TestEvents.sendMemberships(List.of(membership(segment, frank, true), membership(segment, grace, true)));

        TestEvents.awaitImportProgress(importId, 6);
        awaitMembers(segment, 2);
        JsonPath report = given().queryParam("segment", segment).get("/api/v1/channels/performance")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = report.getMap("channels.find { it.channel == '" + channel + "' }");

        assertEquals(segment, report.getString("segment"));
        assertEquals(2, row.get("contacts"));
        assertEquals(2, row.get("reached"));
        assertEquals(1, row.get("conversions"));
        assertEquals(0.5, ((Number) row.get("conversionRate")).doubleValue(), 1e-9);
        assertEquals(70.0, ((Number) row.get("value")).doubleValue(), 1e-9);
        assertEquals(60.0, ((Number) row.get("cost")).doubleValue(), 1e-9);
        assertEquals(60.0, ((Number) row.get("costPerConversion")).doubleValue(), 1e-9);
    }

    @Test
    void channelsAreSortedByName() {
        String importId = unique("import");
        String profile = unique("test:ivan");
        TestEvents.sendCustomerEvents(List.of(
                contact(profile, "zz-last", importId), contact(profile, "aa-first", importId)));

        TestEvents.awaitImportProgress(importId, 2);
        List<String> channels = given().get("/api/v1/channels/performance")
                .then().statusCode(200).extract().jsonPath().getList("channels.channel");

        assertEquals(channels.stream().sorted().toList(), channels);
    }

    @Test
    void blankSegmentIsRejected() {
        given().queryParam("segment", " ")
                .get("/api/v1/channels/performance")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-parameter"))
                .body("errors[0].field", equalTo("segment"));
    }

    private static Map<String, Object> channelRow(String channel) {
        return given().get("/api/v1/channels/performance")
                .then().statusCode(200)
                .body("segment", nullValue())
                .extract().jsonPath().getMap("channels.find { it.channel == '" + channel + "' }");
    }

    private static void awaitMembers(String segment, int members) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/api/v1/segments/{name}", segment)
                .then().statusCode(200)
                .body("members", equalTo(members)));
    }
}
