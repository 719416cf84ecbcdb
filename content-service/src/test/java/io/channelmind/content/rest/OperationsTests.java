package io.channelmind.content.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.channelmind.content.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness, and the configuration that ties channels to topics. */
@QuarkusTest
class OperationsTests {

    @Test
    void readinessCoversKafkaAndDatabase() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    @Test
    void deliveriesChannelReadsDeliveriesTopic() {
        String topic = ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming." + Topics.DELIVERIES_CHANNEL + ".topic", String.class);

        assertEquals(Topics.DELIVERIES, topic);
    }
}
