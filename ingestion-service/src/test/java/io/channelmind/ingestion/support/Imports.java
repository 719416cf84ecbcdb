package io.channelmind.ingestion.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Set;

import org.awaitility.Awaitility;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Sends import requests the way a plain HTTP client does, and waits for import jobs to end. */
public final class Imports {

    private static final Set<String> ACTIVE = Set.of("queued", "running");

    static {
        // REST Assured would otherwise append "; charset=ISO-8859-1" to text/csv, which no real client sends.
        RestAssured.config = RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    private Imports() {
    }

    public static RequestSpecification request(String contentType, byte[] body) {
        return given().contentType(contentType).body(body);
    }

    /**
     * Starts an import and, when it was accepted (202), waits until the job ends and returns the
     * GET of the finished job (200). A rejected request returns its own response.
     */
    public static ValidatableResponse post(String query, String contentType, byte[] body) {
        return awaitEnd(request(contentType, body).when().post("/api/v1/imports" + query));
    }

    /** Waits for the job of an accepted import request to end; returns any other response as it is. */
    public static ValidatableResponse awaitEnd(Response response) {
        if (response.statusCode() != 202) {
            return response.then();
        }
        return awaitJob(response.path("importId"));
    }

    /** Polls the job until it is no longer queued or running and returns that GET. */
    public static ValidatableResponse awaitJob(String importId) {
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = given().when().get("/api/v1/imports/" + importId).then().statusCode(200).extract().path("status");
            return !ACTIVE.contains(status);
        });
        return given().when().get("/api/v1/imports/" + importId).then();
    }
}
