package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.TopicReader;
import io.channelmind.ingestion.support.TopicReader.Message;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OfferCatalogueImportTest {

    static final String CATALOGUE = """
            offer_id,kind,title,description,category,price,currency,risk_level,prerequisites,valid_from,valid_to,locale,status
            fund-low,financial,稳健债券基金,低波动的债券基金,funds,1000,CNY,2,,2026-01-01,2026-12-31,zh-CN,active
            py-101,course,Python basics,Variables and loops,programming,199,cny,,,,,en,
            py-201,Course,Python data analysis,pandas and plots,programming,399,CNY,,py-101; py-101,,,en,active
            tea-1,product,Green tea,Spring harvest,tea,58.5,CNY,,,,,zh-CN,withdrawn
            """;

    @Test
    void catalogueRowsBecomeOfferEvents() {
        String importId = importCatalogue(CATALOGUE)
                .body("rowsAccepted", equalTo(4))
                .body("rowsRejected", equalTo(0))
                .body("offerEvents", equalTo(4))
                .body("customerEvents", equalTo(0))
                .extract().path("importId");

        Map<String, Message> offers = offersByKey(importId);

        JsonNode fund = offers.get("fund-low").value();
        assertEquals("financial", fund.get("kind").asText());
        assertEquals("active", fund.get("status").asText());
        assertEquals(2, fund.get("riskLevel").asInt());
        assertEquals("稳健债券基金", fund.get("title").asText());
        assertEquals("2026-01-01T00:00:00Z", fund.get("validFrom").asText());
        assertEquals("2027-01-01T00:00:00Z", fund.get("validTo").asText());
        assertEquals(0, new BigDecimal("1000").compareTo(fund.get("price").decimalValue()));
        assertEquals(1, fund.get("schemaVersion").asInt());
    }

    @Test
    void courseKeepsPrerequisitesAndDefaults() {
        Map<String, Message> offers = offersByKey(importCatalogue(CATALOGUE).extract().path("importId"));

        JsonNode basics = offers.get("py-101").value();
        JsonNode analysis = offers.get("py-201").value();
        JsonNode tea = offers.get("tea-1").value();

        assertEquals("active", basics.get("status").asText());
        assertEquals("CNY", basics.get("currency").asText());
        assertFalse(basics.has("prerequisites"));
        assertFalse(basics.has("riskLevel"));
        assertEquals("course", analysis.get("kind").asText());
        assertEquals(List.of("py-101"), texts(analysis.get("prerequisites")));
        assertEquals("withdrawn", tea.get("status").asText());
    }

    @Test
    void reimportKeepsEventIds() {
        Map<String, Message> first = offersByKey(importCatalogue(CATALOGUE).extract().path("importId"));
        Map<String, Message> second = offersByKey(importCatalogue(CATALOGUE).extract().path("importId"));

        for (String offerId : first.keySet()) {
            assertEquals(first.get(offerId).value().get("eventId"), second.get(offerId).value().get("eventId"), offerId);
        }
    }

    @Test
    void financialOfferWithoutRiskLevelIsRejected() {
        String csv = """
                offer_id,kind,title,risk_level
                fund-x,financial,Equity fund,
                """;

        importCatalogue(csv)
                .body("rowsRejected", equalTo(1))
                .body("offerEvents", equalTo(0))
                .body("deadLetterEvents", equalTo(1))
                .body("errors[0].row", equalTo(1))
                .body("errors[0].column", equalTo("risk_level"))
                .body("errors[0].reason", containsString("1 (lowest) to 5"));
    }

    @Test
    void badRowsNameColumnAndFix() {
        String csv = """
                offer_id,kind,title,risk_level,prerequisites,valid_from,valid_to,status
                fund-y,financial,Venture fund,7,,,,
                gift,voucher,Gift card,,,,,
                tea-2,product,Tea,3,,,,
                c-1,course,Loops,,c-1,,,
                c-2,course,Lists,,a;;b,,,
                promo,promotion,Spring sale,,,2026-05-01,2026-04-01,
                promo2,promotion,Autumn sale,,,,,paused
                """;

        importCatalogue(csv)
                .body("rowsRejected", equalTo(7))
                .body("errors.column", equalTo(List.of("risk_level", "kind", "risk_level", "prerequisites",
                        "prerequisites", "valid_to", "status")))
                .body("errors[0].value", equalTo("7"))
                .body("errors[1].reason", containsString("[course, financial, product, promotion]"))
                .body("errors[2].reason", containsString("Only financial offers"))
                .body("errors[3].reason", containsString("its own prerequisite"))
                .body("errors[4].reason", containsString("empty"))
                .body("errors[5].reason", containsString("after valid_from"))
                .body("errors[6].reason", containsString("[active, withdrawn]"));
    }

    @Test
    void catalogueWithoutRequiredColumnIsRejected() {
        String csv = """
                offer_id,title
                x,Something
                """;

        Imports.post("?mapping=offer-catalogue", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("detail", containsString("kind"));
    }

    @Test
    void ndjsonCatalogueIsAccepted() {
        String ndjson = """
                {"offer_id":"nd-1","kind":"promotion","title":"双十一满减","category":"sale","valid_to":"2026-11-12"}
                """;

        String importId = Imports.post("?mapping=offer-catalogue", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("rowsAccepted", equalTo(1))
                .extract().path("importId");

        assertEquals("promotion", offersByKey(importId).get("nd-1").value().get("kind").asText());
    }

    @Test
    void presetIsListed() {
        given().when().get("/api/v1/mappings/offer-catalogue").then()
                .statusCode(200)
                .body("events[0].type", equalTo("offer"))
                .body("fields.riskLevel.column", equalTo("risk_level"));
    }

    private static io.restassured.response.ValidatableResponse importCatalogue(String csv) {
        return Imports.post("?mapping=offer-catalogue&onError=skip", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("status", equalTo("completed"));
    }

    private static Map<String, Message> offersByKey(String importId) {
        return TopicReader.messagesOfImport("cm.offers", importId).stream()
                .collect(Collectors.toMap(Message::key, message -> message));
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
