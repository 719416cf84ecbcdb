package io.channelmind.optimizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PlanApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> planBody(String name, double budget) {
        return Map.of("name", name, "allocation", Map.of(
                "totalBudget", budget,
                "channels", List.of(
                        Map.of("channel", "email", "currentSpend", 3000,
                                "curve", Map.of("maxResponse", 20000, "halfSaturation", 3000, "shape", 1.0)),
                        Map.of("channel", "sms", "currentSpend", 3000, "maxRatio", 1.2,
                                "curve", Map.of("maxResponse", 12000, "halfSaturation", 2000, "shape", 1.5)),
                        Map.of("channel", "print", "currentSpend", 1000, "locked", true,
                                "curve", Map.of("maxResponse", 3000, "halfSaturation", 2000, "shape", 1.0)))));
    }

    @Test
    void createAndAcceptAudited() {
        String id = given().contentType(ContentType.JSON).body(planBody("audited", 7000))
                .post("/api/v1/plans")
                .then().statusCode(201).extract().path("id");
        given().post("/api/v1/plans/" + id + "/accept").then().statusCode(200);
        given().post("/api/v1/plans/" + id + "/accept").then().statusCode(409);

        given().queryParam("entityType", "budget-plan").queryParam("entityId", id)
                .get("/api/v1/audit")
                .then().statusCode(200)
                .body("entries.action", equalTo(List.of("approved", "created")))
                .body("entries[0].before.status", equalTo("proposed"))
                .body("entries[0].after.status", equalTo("accepted"))
                .body("entries[1].after.name", equalTo("audited"))
                .body("entries[1].after.proposedSpend.print", equalTo(1000.0f))
                .body("entries[1].actor", equalTo("test-admin"));
    }

    @Test
    void createCompareAndAccept() throws Exception {
        String first = given().contentType(ContentType.JSON).body(planBody("steady", 7000))
                .post("/api/v1/plans")
                .then().statusCode(201)
                .body("status", equalTo("proposed"))
                .body("plan.channels.channel", hasItems("email", "sms", "print"))
                .body("plan.channels.find { it.channel == 'print' }.proposedSpend", equalTo(1000.0f))
                .extract().path("id");
        String second = given().contentType(ContentType.JSON).body(planBody("bigger", 9000))
                .post("/api/v1/plans")
                .then().statusCode(201).extract().path("id");

        given().queryParam("ids", first + "," + second).get("/api/v1/plans/compare")
                .then().statusCode(200)
                .body("plans.name", equalTo(List.of("steady", "bigger")))
                .body("channels.channel", equalTo(List.of("email", "print", "sms")));

        given().post("/api/v1/plans/" + first + "/accept")
                .then().statusCode(200)
                .body("status", equalTo("accepted"));
        given().post("/api/v1/plans/" + first + "/accept")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:plan-already-accepted"));
        given().get("/api/v1/plans/" + first).then().statusCode(200).body("status", equalTo("accepted"));
        String chart = given().get("/api/v1/plans/" + first + "/chart.svg")
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();
        assertTrue(chart.startsWith("<svg"), chart);
        assertTrue(chart.contains(">email</text>"), chart);
        assertTrue(chart.contains("proposed 1,000"), "print keeps 1,000: " + chart);

        List<Map<String, Object>> events = publishedPlans(first);
        assertEquals(1, events.size());
        assertEquals(first, events.get(0).get("eventId"));
        assertEquals(1, events.get(0).get("schemaVersion"));
        assertEquals("steady", events.get(0).get("name"));
    }

    @Test
    void invalidPlanNamesField() {
        Map<String, Object> body = Map.of("allocation", Map.of(
                "totalBudget", 1000,
                "goal", "TARGET_ROAS",
                "channels", List.of(Map.of("channel", "email", "currentSpend", 100,
                        "curve", Map.of("maxResponse", 10, "halfSaturation", -5, "shape", 1.0)))));

        given().contentType(ContentType.JSON).body(body).post("/api/v1/plans")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("allocation.target", "allocation.channels[0].curve.halfSaturation"))
                .body("errors.find { it.field == 'allocation.channels[0].curve.halfSaturation' }.value",
                        equalTo(-5.0f));
    }

    @Test
    void unknownPlanIsNotFound() {
        given().get("/api/v1/plans/3f2b8c1e-4d5a-4e6f-9a7b-1c2d3e4f5a6b")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:plan-not-found"));
        given().get("/api/v1/plans/not-a-uuid")
                .then().statusCode(400)
                .body("errors.field", hasItem("id"));
        given().queryParam("ids", "3f2b8c1e-4d5a-4e6f-9a7b-1c2d3e4f5a6b").get("/api/v1/plans/compare")
                .then().statusCode(400)
                .body("errors.field", hasItem("ids"));
    }

    private static List<Map<String, Object>> publishedPlans(String planId) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

        List<Map<String, Object>> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUDGET_PLANS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (planId.equals(record.key())) {
                        events.add(JSON.readValue(record.value(), new TypeReference<>() {
                        }));
                    }
                }
            }
        }
        return events;
    }
}
