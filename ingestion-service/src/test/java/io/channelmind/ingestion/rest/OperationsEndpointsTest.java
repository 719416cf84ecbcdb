package io.channelmind.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessCoversKafkaAndDatabase() {
        given().when().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void openApiDescribesImports() {
        given().accept("application/json").when().get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/api/v1/imports"));
    }

    @Test
    void openApiDescribesTrackingServedByRoutes() {
        // TrackingRoutes serves these paths, but the REST resource still documents them.
        given().accept("application/json").when().get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/v1/batch"))
                .body("paths", hasKey("/v1/track"))
                .body("paths", hasKey("/v1/import"));
    }

    @Test
    void metricsArePublished() {
        given().when().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
