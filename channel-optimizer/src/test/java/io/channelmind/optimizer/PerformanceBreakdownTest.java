package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.conversion;
import static io.channelmind.optimizer.TestEvents.spend;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PerformanceBreakdownTest {

    @Test
    void campaignWeeksFromEventsAndSpend() {
        String channel = unique("email");
        String importId = unique("import");
        String alice = unique("test:alice");
        String bob = unique("test:bob");
        // 2024-05-06 and 2024-05-08 are in the week of Monday 2024-05-06; 2024-05-14 in the next.
        TestEvents.sendCustomerEvents(List.of(
                contact(alice, channel, "spring", "2024-05-06T09:00:00Z", importId),
                contact(alice, channel, "spring", "2024-05-08T09:00:00Z", importId),
                contact(bob, channel, "spring", "2024-05-08T23:30:00Z", importId),
                conversion(alice, channel, 80.0, "spring", "2024-05-08T10:00:00Z", importId),
                contact(bob, channel, "spring", "2024-05-14T09:00:00Z", importId)));
        TestEvents.sendSpend(List.of(
                spend(channel, "spring", "2024-05-06", 20.0, "EUR", 1_000L, 50L, importId),
                spend(channel, "spring", "2024-05-07", 20.0, "EUR", 1_000L, 30L, importId),
                spend(channel, "spring", "2024-05-14", 10.0, "EUR", 0L, 0L, importId)));
        TestEvents.awaitImportProgress(importId, 8);

        List<Map<String, Object>> rows = rows(channel, "by", "campaign", "period", "week", "from", "2024-05-01",
                "to", "2024-05-31");

        assertEquals(2, rows.size());
        Map<String, Object> first = rows.get(0);
        assertEquals("spring", first.get("campaign"));
        assertEquals("2024-05-06", first.get("periodStart"));
        assertEquals(2, first.get("reach"));
        assertEquals(3, first.get("contacts"));
        assertEquals(1, first.get("conversions"));
        assertEquals(2000, first.get("impressions"));
        assertEquals(80, first.get("clicks"));
        assertEquals(0.04, ((Number) first.get("ctr")).doubleValue(), 1e-6);
        assertEquals(1.0 / 3, ((Number) first.get("conversionRate")).doubleValue(), 1e-6);
        assertEquals(40.0, ((Number) first.get("cost")).doubleValue(), 1e-6);
        assertEquals("EUR", first.get("currency"));
        assertEquals(40.0, ((Number) first.get("costPerAcquisition")).doubleValue(), 1e-6);
        assertEquals(80.0, ((Number) first.get("revenue")).doubleValue(), 1e-6);
        assertEquals(2.0, ((Number) first.get("roas")).doubleValue(), 1e-6);

        Map<String, Object> second = rows.get(1);
        assertEquals("2024-05-13", second.get("periodStart"));
        assertNull(second.get("ctr"));
        assertEquals("impressions are 0", undefined(second).get("ctr"));
        assertNull(second.get("costPerAcquisition"));
        assertEquals("no conversions", undefined(second).get("costPerAcquisition"));
        assertEquals(0.0, ((Number) second.get("roas")).doubleValue(), 1e-6);
    }

    @Test
    void rangeAndTotalPeriod() {
        String channel = unique("sms");
        String importId = unique("import");
        String carol = unique("test:carol");
        TestEvents.sendCustomerEvents(List.of(
                contact(carol, channel, null, "2024-03-31T12:00:00Z", importId),
                contact(carol, channel, null, "2024-04-01T12:00:00Z", importId),
                contact(carol, channel, null, "2024-04-30T12:00:00Z", importId)));
        TestEvents.awaitImportProgress(importId, 3);

        List<Map<String, Object>> april = rows(channel, "from", "2024-04-01", "to", "2024-04-30");
        List<Map<String, Object>> months = rows(channel, "period", "month");

        assertEquals(1, april.size());
        assertEquals(2, april.get(0).get("contacts"));
        assertEquals(1, april.get(0).get("reach"));
        assertNull(april.get(0).get("periodStart"));
        assertNull(april.get(0).get("campaign"));
        assertNull(april.get(0).get("cost"));
        assertEquals("no spend row matched", undefined(april.get(0)).get("cost"));
        assertEquals(2, months.size());
        assertEquals("2024-03-01", months.get(0).get("periodStart"));
        assertEquals("2024-04-01", months.get(1).get("periodStart"));
    }

    @Test
    void mixedCurrenciesAreNotSummed() {
        String channel = unique("search");
        String importId = unique("import");
        TestEvents.sendSpend(List.of(
                spend(channel, null, "2024-05-01", 100.0, "EUR", null, null, importId),
                spend(channel, null, "2024-05-02", 700.0, "CNY", null, null, importId)));
        TestEvents.awaitImportProgress(importId, 2);

        Map<String, Object> row = rows(channel).get(0);

        assertNull(row.get("cost"));
        assertNull(row.get("currency"));
        assertNull(row.get("impressions"));
        assertTrue(undefined(row).get("cost").contains("2 currencies (CNY, EUR)"), undefined(row).get("cost"));
        assertEquals("no spend row reported impressions", undefined(row).get("ctr"));
        assertEquals("cost is undefined", undefined(row).get("roas"));
    }

    @Test
    void invalidParametersAreProblems() {
        String path = "/api/v1/channels/performance/breakdown";
        given().queryParam("by", "region").get(path)
                .then().statusCode(400).body("errors[0].field", equalTo("by"));
        given().queryParam("period", "quarter").get(path)
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
        given().queryParam("from", "01/05/2024").get(path)
                .then().statusCode(400).body("errors[0].field", equalTo("from"))
                .body("errors[0].value", equalTo("01/05/2024"));
        given().queryParam("from", "2024-06-01").queryParam("to", "2024-05-01").get(path)
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    private static List<Map<String, Object>> rows(String channel, String... parameters) {
        var request = given();
        for (int i = 0; i < parameters.length; i += 2) {
            request = request.queryParam(parameters[i], parameters[i + 1]);
        }
        List<Map<String, Object>> all = request.get("/api/v1/channels/performance/breakdown")
                .then().statusCode(200).extract().jsonPath().getList("rows");
        return all.stream().filter(row -> channel.equals(row.get("channel"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> undefined(Map<String, Object> row) {
        return (Map<String, String>) row.get("undefined");
    }
}
