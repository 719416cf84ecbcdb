package io.channelmind.content.rest;

import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.post;
import static io.channelmind.content.support.CopyRequests.request;
import static io.channelmind.content.support.Deliveries.delivery;
import static io.channelmind.content.support.Deliveries.producer;
import static io.channelmind.content.support.Deliveries.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Listing, approving and reporting variants, and the fine-tuning export, over REST. */
@QuarkusTest
class VariantApiTests {

    @Test
    void performanceFavoursConvertingVariant() throws Exception {
        String campaign = "variants-" + UUID.randomUUID();
        String weak = createCopy(campaign);
        String strong = createCopy(campaign);

        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 60; i++) {
                send(producer, delivery(UUID.randomUUID().toString(), weak, "delivered"));
                send(producer, delivery(UUID.randomUUID().toString(), strong, "delivered"));
            }
            for (int i = 0; i < 15; i++) {
                send(producer, delivery(UUID.randomUUID().toString(), strong, "converted"));
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/v1/copy/" + strong).then()
                .statusCode(200).body("conversions", equalTo(15)));

        JsonPath report = given().queryParam("campaign", campaign).queryParam("channel", "sms")
                .when().get("/api/v1/copy/performance").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of(weak, strong), report.getList("variantId"));
        assertEquals(16.0f, report.getFloat("[1].posterior.alpha"));
        assertEquals(46.0f, report.getFloat("[1].posterior.beta"));
        assertTrue(report.getFloat("[1].probabilityBest") > 0.99f, report.prettify());
        assertTrue(report.getFloat("[0].trafficShare") >= 0.05f, report.prettify());
    }

    @Test
    void approvedCopyIsListedAndExported() throws Exception {
        String campaign = "approval-" + UUID.randomUUID();
        String copyId = createCopy(campaign);
        createCopy(campaign);

        given().when().post("/api/v1/copy/" + copyId + "/approval").then().statusCode(200).body("approved", equalTo(true));

        List<Map<String, Object>> listed = given().queryParam("campaign", campaign).queryParam("channel", "SMS")
                .when().get("/api/v1/copy").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(2, listed.size());
        assertEquals(true, listed.get(0).get("approved"));
        assertEquals(false, listed.get(1).get("approved"));

        String jsonl = given().when().get("/api/v1/copy/fine-tuning-data").then().statusCode(200).extract().asString();
        JsonNode line = jsonl.lines().map(VariantApiTests::read)
                .filter(node -> node.path("messages").path(2).path("content").asText().contains("Variant Savings"))
                .findFirst().orElseThrow(() -> new AssertionError("No exported line for the approved copy: " + jsonl));
        assertEquals("system", line.path("messages").path(0).path("role").asText());
        assertTrue(line.path("messages").path(0).path("content").asText().contains("Output rules"));
        assertTrue(line.path("messages").path(1).path("content").asText().contains("Product: Variant Savings"));
        assertEquals("assistant", line.path("messages").path(2).path("role").asText());
    }

    @Test
    void approvalAudited() {
        String campaign = "audited-" + UUID.randomUUID();
        String copyId = createCopy(campaign);

        given().when().post("/api/v1/copy/" + copyId + "/approval").then().statusCode(200);

        given().queryParam("entityType", "copy").queryParam("entityId", copyId)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries.action", equalTo(List.of("approved")))
                .body("entries[0].before.approved", equalTo(false))
                .body("entries[0].after.approved", equalTo(true))
                .body("entries[0].after.campaign", equalTo(campaign));
    }

    @Test
    void unknownCopyCannotBeApproved() {
        given().when().post("/api/v1/copy/" + UUID.randomUUID() + "/approval").then().statusCode(404);
    }

    @Test
    void missingQueryIsProblem() {
        given().when().get("/api/v1/copy/performance").then().statusCode(400)
                .body("errors.field", equalTo(List.of("campaign", "channel")));
    }

    private static String createCopy(String campaign) {
        Map<String, Object> body = request("sms", "en", brief("Variant Savings", "3.5% a year", null, null));
        body.put("campaign", campaign);
        return post(body).statusCode(201).extract().path("copyId");
    }

    private static JsonNode read(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + line, e);
        }
    }
}
