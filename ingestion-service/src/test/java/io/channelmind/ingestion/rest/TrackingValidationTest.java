package io.channelmind.ingestion.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingValidationTest {

    private static final String PROBLEM = "urn:channelmind:problem:";

    private CreatedSource source;

    /** Creates the class's source before the first test; REST Assured gets the port only then. */
    @BeforeEach
    void createSource() {
        if (source != null) {
            return;
        }
        source = Tracking.createSource("validation");
    }

    @Test
    void callWithoutIdentityIsRejected() {
        source.post("/v1/track", "{\"messageId\": \"v-1\", \"event\": \"Clicked\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "invalid-call"))
                .body("errors.field", hasItem("userId"))
                .body("errors.message", hasItem("Either userId or anonymousId is required"));
    }

    @Test
    void trackWithoutEventIsRejected() {
        source.post("/v1/track", "{\"messageId\": \"v-2\", \"userId\": \"u-1\"}")
                .statusCode(400)
                .body("errors.field", hasItem("event"));
    }

    @Test
    void aliasWithoutIdsIsRejected() {
        source.post("/v1/alias", "{\"messageId\": \"v-3\", \"anonymousId\": \"anon-1\"}")
                .statusCode(400)
                .body("errors.field", hasItems("userId", "previousId"));
    }

    @Test
    void groupWithoutGroupIdIsRejected() {
        source.post("/v1/group", "{\"messageId\": \"v-4\", \"userId\": \"u-1\"}")
                .statusCode(400)
                .body("errors.field", hasItem("groupId"));
    }

    @Test
    void invalidTimestampIsRejected() {
        source.post("/v1/identify", "{\"userId\": \"u-1\", \"timestamp\": \"31-12-18\"}")
                .statusCode(400)
                .body("errors.field", hasItem("timestamp"))
                .body("errors.value", hasItem("31-12-18"));
    }

    @Test
    void traitsThatAreNoObjectAreRejected() {
        source.post("/v1/identify", "{\"userId\": \"u-1\", \"traits\": [1, 2]}")
                .statusCode(400)
                .body("errors.field", hasItem("traits"));
    }

    @Test
    void malformedJsonIsRejected() {
        source.post("/v1/track", "{\"userId\": ")
                .statusCode(400)
                .body("type", equalTo(PROBLEM + "malformed-json"));
    }

    @Test
    void invalidBatchItemRejectsWholeBatch() {
        source.post("/v1/batch", """
                {"batch": [
                   {"type": "track", "messageId": "v-ok", "userId": "u-1", "event": "Fine"},
                   {"type": "track", "messageId": "v-bad", "userId": "u-1"},
                   {"type": "purchase", "messageId": "v-bad-type", "userId": "u-1"}
                 ]}
                """)
                .statusCode(400)
                .body("errors.field", hasItems("batch[1].event", "batch[2].type"));

        assertEquals(0, source.events().stream()
                .filter(event -> "v-ok".equals(event.path("source").path("messageId").asText())).count());
    }

    @Test
    void batchWithoutArrayIsRejected() {
        source.post("/v1/batch", "{\"calls\": []}")
                .statusCode(400)
                .body("errors.field", hasItem("batch"));
    }

    @Test
    void oversizedCallIsRejected() {
        String padding = "x".repeat(33_000);

        source.post("/v1/track", "{\"userId\": \"u-1\", \"event\": \"Big\", \"properties\": {\"p\": \"" + padding + "\"}}")
                .statusCode(400)
                .body("type", equalTo(PROBLEM + "event-too-large"))
                .body("limitBytes", equalTo(32768))
                .body("detail", containsString("more than the limit of 32768 bytes"))
                .body("detail", containsString("is 33058 bytes"));
    }

    @Test
    void oversizedBatchItemIsRejected() {
        String padding = "x".repeat(33_000);

        source.post("/v1/batch", "{\"batch\": [{\"type\": \"track\", \"userId\": \"u-1\", \"event\": \"Big\", "
                + "\"properties\": {\"p\": \"" + padding + "\"}}]}")
                .statusCode(400)
                .body("type", equalTo(PROBLEM + "event-too-large"))
                .body("errors.field", hasItem("batch[0]"))
                .body("limitBytes", equalTo(32768));
    }

    @Test
    void oversizedBatchIsRejected() {
        StringBuilder batch = new StringBuilder("{\"batch\": [");
        String item = "{\"type\": \"track\", \"userId\": \"u-1\", \"event\": \"Filler\", \"properties\": {\"p\": \""
                + "x".repeat(20_000) + "\"}}";
        for (int i = 0; i < 30; i++) {
            batch.append(i == 0 ? "" : ",").append(item);
        }
        String body = batch.append("]}").toString();

        source.post("/v1/batch", body)
                .statusCode(400)
                .body("type", equalTo(PROBLEM + "batch-too-large"))
                .body("limitBytes", equalTo(512000))
                .body("detail", containsString("is " + body.length() + " bytes"));
    }
}
