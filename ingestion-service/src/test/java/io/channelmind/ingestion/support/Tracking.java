package io.channelmind.ingestion.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.messaging.Topics;
import io.restassured.response.ValidatableResponse;

/** Creates tracking sources and sends tracking calls the way an SDK does. */
public final class Tracking {

    private Tracking() {
    }

    /** Creates a source with a unique name that starts with {@code prefix} and returns it with its key. */
    public static CreatedSource createSource(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String writeKey = given().contentType("application/json").body("{\"name\": \"" + name + "\"}")
                .when().post("/api/v1/sources")
                .then().statusCode(201)
                .extract().path("writeKey");
        return new CreatedSource(name, writeKey);
    }

    /** A source and its write key. */
    public record CreatedSource(String name, String writeKey) {

        public ValidatableResponse post(String path, String json) {
            return Tracking.post(path, writeKey, json);
        }

        /** Returns the customer events this source published, in partition and offset order. */
        public List<JsonNode> events() {
            return TopicReader.messagesContaining(Topics.CUSTOMER_EVENTS, name).stream()
                    .map(TopicReader.Message::value)
                    .filter(value -> name.equals(value.path("source").path("name").asText(null)))
                    .toList();
        }

        /** Returns the one event of this source with the messageId, failing when there is not exactly one. */
        public JsonNode event(String messageId) {
            List<JsonNode> matching = events().stream()
                    .filter(value -> messageId.equals(value.path("source").path("messageId").asText(null)))
                    .toList();
            if (matching.size() != 1) {
                throw new AssertionError("Expected one event with messageId " + messageId + ", found " + matching.size());
            }
            return matching.get(0);
        }
    }

    public static ValidatableResponse post(String path, String writeKey, String json) {
        return given().header("Authorization", basic(writeKey)).contentType("application/json").body(json)
                .when().post(path).then();
    }

    public static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }
}
