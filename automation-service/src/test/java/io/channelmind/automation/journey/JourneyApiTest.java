package io.channelmind.automation.journey;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class JourneyApiTest {

    private static String journey(String segment, String waitDuration) {
        return """
                {"name": "Welcome %1$s",
                 "trigger": {"type": "segment-entered", "segment": "%1$s"},
                 "reentry": {"mode": "never"},
                 "steps": [
                   {"id": "settle", "type": "wait", "duration": "%2$s", "next": "hello"},
                   {"id": "hello", "type": "send", "channel": "webhook", "text": "Welcome {{firstName}}"}
                 ]}
                """.formatted(segment, waitDuration);
    }

    private static String create(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/journeys")
                .then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void invalidJourneyNamesTheStep() {
        given().contentType(ContentType.JSON).body(journey("vip", "two hours"))
                .when().post("/api/v1/journeys")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-journey"))
                .body("errors[0].field", equalTo("steps[0] (settle).duration"))
                .body("errors[0].value", equalTo("two hours"))
                .body("errors[0].message", containsString("ISO-8601"));
    }

    @Test
    void purposeStoredAndChecked() {
        String transactional = journey("orders", "PT2H").replaceFirst("\\{", "{\"purpose\": \"transactional\", ");
        String profiling = journey("orders", "PT2H").replaceFirst("\\{", "{\"purpose\": \"profiling\", ");

        String id = create(transactional);

        given().when().get("/api/v1/journeys/" + id)
                .then().statusCode(200)
                .body("definition.purpose", equalTo("transactional"));
        given().contentType(ContentType.JSON).body(profiling)
                .when().post("/api/v1/journeys")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("purpose"))
                .body("errors[0].value", equalTo("profiling"))
                .body("errors[0].message", containsString("marketing"));
    }

    @Test
    void validateAcceptsGoodDefinition() {
        given().contentType(ContentType.JSON).body(journey("vip", "PT2H"))
                .when().post("/api/v1/journeys/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("steps", equalTo(2));
    }

    @Test
    void crudPauseResumeAndStats() {
        String id = create(journey("crud-" + UUID.randomUUID(), "PT2H"));

        given().when().get("/api/v1/journeys/" + id).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("definition.steps[1].channel", equalTo("webhook"));
        given().when().get("/api/v1/journeys").then().statusCode(200).body("id", hasItem(id));
        given().when().post("/api/v1/journeys/" + id + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        given().when().post("/api/v1/journeys/" + id + "/resume").then().statusCode(200).body("status", equalTo("active"));
        given().contentType(ContentType.JSON).body(journey("renamed", "PT3H"))
                .when().put("/api/v1/journeys/" + id)
                .then().statusCode(200).body("definition.steps[0].duration", equalTo("PT3H"));
        given().when().get("/api/v1/journeys/" + id + "/stats").then().statusCode(200)
                .body("steps.stepId", equalTo(java.util.List.of("settle", "hello")));
        given().when().delete("/api/v1/journeys/" + id).then().statusCode(204);
        given().when().get("/api/v1/journeys/" + id).then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:journey-not-found"));
        given().when().get("/api/v1/journeys/not-a-uuid").then().statusCode(404);
    }

    @Test
    void segmentMessageStartsJourney() {
        String segment = "kafka-" + UUID.randomUUID();
        String id = create(journey(segment, "PT1S"));
        String profileKey = "demo:" + UUID.randomUUID();

        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(JourneyTopics.SEGMENT_MEMBERSHIP, profileKey,
                    "{\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID() + "\",\"segment\":\"" + segment
                            + "\",\"profileKey\":\"" + profileKey + "\",\"member\":true,\"at\":\"2026-01-01T00:00:00Z\"}"));
        }

        // The webhook connector has no URL in tests, so the send is skipped with that reason.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/journeys/" + id + "/stats")
                .then().statusCode(200)
                .body("steps[0].counts.entered", equalTo(1))
                .body("steps[0].counts.completed", equalTo(1))
                .body("steps[1].counts.skipped", equalTo(1)));
    }

    @Test
    void recurringScheduleRejectsBadCron() {
        given().contentType(ContentType.JSON)
                .body("{\"campaignId\":\"" + UUID.randomUUID() + "\",\"cron\":\"every monday\",\"zone\":\"Europe/Paris\"}")
                .when().post("/api/v1/recurring-campaigns")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("cron"));
        given().contentType(ContentType.JSON)
                .body("{\"campaignId\":\"" + UUID.randomUUID() + "\",\"cron\":\"0 9 * * MON\",\"zone\":\"Mars/Olympus\"}")
                .when().post("/api/v1/recurring-campaigns")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("zone"));
    }
}
