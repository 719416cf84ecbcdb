package io.channelmind.content.messaging;

import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.Deliveries.delivery;
import static io.channelmind.content.support.Deliveries.producer;
import static io.channelmind.content.support.Deliveries.send;
import static io.channelmind.content.support.CopyRequests.post;
import static io.channelmind.content.support.CopyRequests.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Deliveries on cm.deliveries, produced with a plain Kafka client, count as sends of a copy. */
@QuarkusTest
class DeliveryConsumerTests {

    @Test
    void deliveriesIncrementSendsOnce() throws Exception {
        String counted = createCopy();
        String sentinel = createCopy();
        String duplicateEventId = UUID.randomUUID().toString();

        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, delivery(duplicateEventId, counted, "delivered"));
            send(producer, delivery(duplicateEventId, counted, "delivered"));
            send(producer, delivery(UUID.randomUUID().toString(), counted, "delivered"));
            send(producer, delivery(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "delivered"));
            send(producer, delivery(UUID.randomUUID().toString(), "not-a-uuid", "delivered"));
            send(producer, delivery(UUID.randomUUID().toString(), counted, "bounced"));
            send(producer, "{not json");
            send(producer, delivery(UUID.randomUUID().toString(), sentinel, "delivered"));
        }

        // One partition keeps the order, so once the last event counts, all before it were handled.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> sendsOf(sentinel).body("sends", equalTo(1)));
        sendsOf(counted).body("sends", equalTo(2));
    }

    @Test
    void redeliveredBatchCountsOnce() throws Exception {
        String copyId = createCopy();
        String eventId = UUID.randomUUID().toString();

        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, delivery(eventId, copyId, "delivered"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> sendsOf(copyId).body("sends", equalTo(1)));
        String sentinel = createCopy();
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, delivery(eventId, copyId, "delivered"));
            send(producer, delivery(UUID.randomUUID().toString(), sentinel, "delivered"));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> sendsOf(sentinel).body("sends", equalTo(1)));
        sendsOf(copyId).body("sends", equalTo(1));
    }

    @Test
    void clicksAndConversionsAreCounted() throws Exception {
        String copyId = createCopy();
        String sentinel = createCopy();

        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, delivery(UUID.randomUUID().toString(), copyId, "delivered"));
            send(producer, delivery(UUID.randomUUID().toString(), copyId, "delivered"));
            send(producer, delivery(UUID.randomUUID().toString(), copyId, "clicked"));
            send(producer, delivery(UUID.randomUUID().toString(), copyId, "CONVERTED"));
            send(producer, delivery(UUID.randomUUID().toString(), sentinel, "delivered"));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> sendsOf(sentinel).body("sends", equalTo(1)));
        sendsOf(copyId).body("sends", equalTo(2)).body("clicks", equalTo(1)).body("conversions", equalTo(1));
    }

    private static String createCopy() {
        return post(request("sms", "en", brief("Wealth Plus", "3.5% a year", null, null))).statusCode(201)
                .extract().path("copyId");
    }

    private static io.restassured.response.ValidatableResponse sendsOf(String copyId) {
        return given().when().get("/api/v1/copy/" + copyId).then().statusCode(200);
    }
}
