package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.identify;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.optimizer.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ConsumptionTest {

    @Test
    void importProgressCountsDuplicates() {
        String importId = unique("import");
        String profile = unique("test:alice");
        Map<String, Object> contact = contact(profile, unique("email"), importId);

        TestEvents.sendCustomerEvents(List.of(identify(profile, importId), contact, contact));

        TestEvents.awaitImportProgress(importId, 3);
    }

    @Test
    void unknownImportHasNoProgress() {
        String importId = unique("never-imported");

        given().get("/api/v1/imports/{importId}/progress", importId)
                .then().statusCode(200)
                .body("importId", equalTo(importId))
                .body("eventsConsumed", equalTo(0));
    }

    @Test
    void statsCountEventsAndProfiles() {
        TestEvents.awaitCustomerEventsApplied();
        JsonPath before = stats();
        String importId = unique("import");
        String bob = unique("test:bob");
        String carol = unique("test:carol");
        Map<String, Object> contact = contact(bob, unique("email"), importId);

        TestEvents.sendCustomerEvents(List.of(
                identify(bob, importId), contact, contact, contact(carol, "sms", importId)));
        TestEvents.awaitImportProgress(importId, 4);
        JsonPath after = stats();

        assertEquals(before.getLong("eventsConsumed") + 4, after.getLong("eventsConsumed"));
        assertEquals(before.getLong("eventsApplied") + 3, after.getLong("eventsApplied"));
        assertEquals(before.getLong("profiles") + 2, after.getLong("profiles"));
    }

    @Test
    void unreadableRecordIsSkipped() {
        String importId = unique("import");
        String channel = unique("email");
        String profile = unique("test:dave");

        TestEvents.sendRaw(Topics.CUSTOMER_EVENTS, profile, "{not json");
        TestEvents.sendCustomerEvents(List.of(contact(profile, channel, importId)));
        TestEvents.awaitImportProgress(importId, 1);

        given().get("/api/v1/channels/performance")
                .then().statusCode(200)
                .body("channels.channel", hasItem(channel));
    }

    @Test
    void eventOfNewerSchemaIsNotApplied() {
        String importId = unique("import");
        String channel = unique("email");
        Map<String, Object> contact = new HashMap<>(contact(unique("test:erin"), channel, importId));
        contact.put("schemaVersion", 2);

        TestEvents.sendCustomerEvents(List.of(contact));
        TestEvents.awaitImportProgress(importId, 1);

        given().get("/api/v1/channels/performance")
                .then().statusCode(200)
                .body("channels.find { it.channel == '" + channel + "' }", equalTo(null));
    }

    @Test
    void readinessCoversKafkaAndDatabase() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        List<String> checks = health.getList("checks.name");

        assertEquals("UP", health.getString("status"));
        assertTrue(checks.stream().anyMatch(name -> name.toLowerCase().contains("kafka")
                || name.toLowerCase().contains("messaging")), "checks: " + checks);
        assertTrue(checks.stream().anyMatch(name -> name.toLowerCase().contains("database")
                || name.toLowerCase().contains("datasource")), "checks: " + checks);
    }

    private static JsonPath stats() {
        return given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
    }
}
