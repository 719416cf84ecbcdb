package io.channelmind.profile;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.channelmind.profile.messaging.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Pushes an import the size of the bank-marketing data set (41,188 customers, about 2.2 events
 * each) through the consumer and logs how long it took. It is off by default because it adds
 * about 35 s on a 2-core machine. Run it with {@code -Dprofile.throughput=true}; it asserts the
 * counts, not the time.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "profile.throughput", matches = "true")
class ThroughputTest {

    private static final Logger LOG = Logger.getLogger(ThroughputTest.class);
    private static final int CUSTOMERS = Integer.getInteger("profile.throughput.customers", 41_188);

    @Test
    void bankMarketingSizedImportIsApplied() throws Exception {
        String ns = TestEvents.namespace();
        String importId = ns + "-bulk";
        Instant t0 = Instant.parse("2024-05-01T08:00:00Z");
        List<Map<String, Object>> events = new ArrayList<>();
        long converted = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            String key = ns + ":row-" + i;
            int row = events.size() + 1;
            events.add(TestEvents.fromImport(TestEvents.identify(key, t0, Map.of("email", "c" + i + "@example.com",
                    "consent", Map.of("email", true), "age", 20 + i % 60, "job", "job-" + i % 12, "ns", ns)),
                    importId, row));
            events.add(TestEvents.fromImport(TestEvents.contact(key, t0.plusSeconds(i), i % 2 == 0 ? "cellular"
                    : "telephone"), importId, row));
            if (i % 9 == 0) {
                events.add(TestEvents.fromImport(TestEvents.conversion(key, t0.plusSeconds(i + 1), "cellular", 1),
                        importId, row));
                converted++;
            }
        }
        long notConvertedBefore = when().get("/api/v1/segments/not-converted").jsonPath().getLong("size");

        long started = System.nanoTime();
        produce(events);
        long produced = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).until(() -> when()
                .get("/api/v1/imports/{id}/progress", importId).jsonPath().getLong("eventsConsumed") >= events.size());
        long applied = System.nanoTime();

        LOG.infof("Throughput: %d customers, %d events produced in %d ms, applied %d ms after the first send",
                CUSTOMERS, events.size(), TimeUnit.NANOSECONDS.toMillis(produced - started),
                TimeUnit.NANOSECONDS.toMillis(applied - started));
        long notConverted = when().get("/api/v1/segments/not-converted").jsonPath().getLong("size");
        assertEquals(CUSTOMERS - converted, notConverted - notConvertedBefore);

        long creating = System.nanoTime();
        long size = given().contentType(ContentType.JSON)
                .body(Map.of("name", ns, "rule", "trait.ns = '" + ns + "' and channel.cellular.contacts >= 1"))
                .when().post("/api/v1/segments")
                .then().statusCode(201).extract().jsonPath().getLong("size");
        LOG.infof("Throughput: segment over %d profiles created and evaluated in %d ms", CUSTOMERS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - creating));
        assertEquals((CUSTOMERS + 1) / 2, size);
    }

    private static void produce(List<Map<String, Object>> events) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (Map<String, Object> event : events) {
                producer.send(new ProducerRecord<>(Topics.CUSTOMER_EVENTS, (String) event.get("profileKey"),
                        TestEvents.toJson(event)));
            }
            producer.flush();
        }
    }
}
