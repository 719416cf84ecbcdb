package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.channelmind.ingestion.tracking.WriteKeys;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TrackingAuthTest {

    private static final String PROBLEM = "urn:channelmind:problem:";
    private static final String CALL = "{\"userId\": \"u-1\", \"event\": \"Clicked\"}";

    @Inject
    DataSource dataSource;

    @Test
    void missingKeyIsUnauthorized() {
        given().contentType("application/json").body(CALL)
                .when().post("/v1/track")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"tracking\"")
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "missing-write-key"));
    }

    @Test
    void wrongKeyIsUnauthorized() {
        Tracking.post("/v1/track", "not-a-key", CALL)
                .statusCode(401)
                .body("type", equalTo(PROBLEM + "invalid-write-key"));
    }

    @Test
    void emptyKeyIsUnauthorized() {
        Tracking.post("/v1/track", "", CALL)
                .statusCode(401)
                .body("type", equalTo(PROBLEM + "missing-write-key"));
    }

    @Test
    void revokedKeyIsUnauthorized() {
        CreatedSource source = Tracking.createSource("revoked");
        source.post("/v1/track", CALL).statusCode(200);

        given().when().delete("/api/v1/sources/" + source.name()).then().statusCode(204);

        source.post("/v1/track", CALL).statusCode(401).body("type", equalTo(PROBLEM + "invalid-write-key"));
        given().when().get("/api/v1/sources/" + source.name()).then().statusCode(200)
                .body("active", equalTo(false));
    }

    @Test
    void rotationKeepsOldKeyForGracePeriod() throws SQLException {
        CreatedSource source = Tracking.createSource("rotated");

        String newKey = given().when().post("/api/v1/sources/" + source.name() + "/rotate")
                .then().statusCode(200)
                .body("previousKeyValidUntil", notNullValue())
                .extract().path("writeKey");

        Tracking.post("/v1/track", newKey, CALL).statusCode(200);
        source.post("/v1/track", CALL).statusCode(200);

        // The expiry is written to the database directly, as another replica would see it, so
        // this replica's write-key cache may accept the old key for up to its time to live.
        expirePreviousKey(source.name());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> source.post("/v1/track", CALL).statusCode(401));
        Tracking.post("/v1/track", newKey, CALL).statusCode(200);
    }

    @Test
    void configuredLocalKeyWorks() {
        Tracking.post("/v1/identify", "local-test-key", "{\"userId\": \"local-user\"}").statusCode(200);
    }

    @Test
    void sourceListHasNoKeys() {
        Tracking.createSource("listed");

        given().when().get("/api/v1/sources")
                .then().statusCode(200)
                .body("name", hasItem("local"))
                .body("writeKey", everyItem(nullValue()));
    }

    @Test
    void duplicateSourceNameConflicts() {
        CreatedSource source = Tracking.createSource("twice");

        given().contentType("application/json").body("{\"name\": \"" + source.name() + "\"}")
                .when().post("/api/v1/sources")
                .then().statusCode(409)
                .body("type", equalTo(PROBLEM + "source-exists"));
    }

    @Test
    void invalidSourceNameIsRejected() {
        given().contentType("application/json").body("{\"name\": \"Web Shop\"}")
                .when().post("/api/v1/sources")
                .then().statusCode(400)
                .body("type", equalTo(PROBLEM + "invalid-source-name"))
                .body("errors.value", hasItem("Web Shop"));
    }

    @Test
    void unknownSourceIsNotFound() {
        given().when().post("/api/v1/sources/no-such-source/rotate")
                .then().statusCode(404)
                .body("type", equalTo(PROBLEM + "source-not-found"));
    }

    @Test
    void keyIsStoredOnlyAsHash() throws SQLException {
        CreatedSource source = Tracking.createSource("hashed");

        assertEquals(0, countSources("key_hash = ?", source.writeKey()));
        assertEquals(1, countSources("key_hash = ?", WriteKeys.hash(source.writeKey())));
    }

    private int countSources(String condition, String value) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM source WHERE " + condition)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private void expirePreviousKey(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE source SET previous_key_expires_at = now() - interval '1 second' WHERE name = ?")) {
            statement.setString(1, name);
            statement.executeUpdate();
        }
    }
}
