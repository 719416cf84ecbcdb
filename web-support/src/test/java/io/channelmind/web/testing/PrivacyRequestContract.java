package io.channelmind.web.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicOpener;
import io.channelmind.web.privacy.PrivacyTopics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tests of what every service that consumes {@code cm.privacy-requests} must do: an erasure
 * deletes the person's rows and no one else's and confirms it, a replayed erasure deletes
 * nothing more, an export returns the person's rows sealed on {@code cm.privacy-confirmations},
 * and a request that is not JSON is skipped without stopping the consumer.
 *
 * <p>A service's {@code @QuarkusTest} extends it and defines which rows it keeps of a person. The
 * database pool and the {@link TopicOpener} are injected from the running application.
 */
public abstract class PrivacyRequestContract {

    protected static final Duration TIMEOUT = Duration.ofSeconds(60);
    protected static final ObjectMapper MAPPER = new ObjectMapper();

    // Injected here, not looked up, so that the application keeps the beans even where only this
    // test uses them.
    @Inject
    protected Pool pool;

    @Inject
    protected TopicOpener opener;

    /** Returns the service name that the confirmations carry. */
    protected abstract String service();

    /** Returns the number of rows that {@link #insertRows} writes of one person, by table. */
    protected abstract Map<String, Integer> expectedDeleted();

    /** Writes the rows that this service keeps of a person. */
    protected abstract void insertRows(Person person);

    /** Counts what is left in this service's tables of a person. */
    protected abstract long countRows(Person person);

    @Test
    void erasureDeletesPersonAndConfirms() throws Exception {
        Person person = Person.create();
        Person other = Person.create();
        insertRows(person);
        insertRows(other);

        String requestId = UUID.randomUUID().toString();
        send(request(requestId, "erasure", person));
        JsonNode confirmation = awaitConfirmations(requestId, 1).get(0);

        assertEquals("erasure", confirmation.path("kind").asText());
        assertEquals(service(), confirmation.path("service").asText());
        expectedDeleted().forEach((table, rows) ->
                assertEquals(rows.longValue(), confirmation.path("rowsDeleted").path(table).asLong(), table));
        assertEquals(0, countRows(person), "rows left of the erased person");
        assertTrue(countRows(other) > 0, "rows of another person stay");

        send(request(requestId, "erasure", person));
        JsonNode replay = awaitConfirmations(requestId, 2).get(1);
        expectedDeleted().keySet().forEach(table ->
                assertEquals(0, replay.path("rowsDeleted").path(table).asLong(), "replayed " + table));
    }

    @Test
    void exportReturnsPersonRows() throws Exception {
        Person person = Person.create();
        insertRows(person);

        String requestId = UUID.randomUUID().toString();
        send(request(requestId, "export", person));
        JsonNode confirmation = awaitConfirmations(requestId, 1).get(0);

        JsonNode exported = openExport(confirmation);
        expectedDeleted().forEach((table, rows) ->
                assertEquals(rows.intValue(), exported.path(table).size(), table));
        assertTrue(countRows(person) > 0, "an export deletes nothing");
    }

    @Test
    void malformedRequestIsSkipped() throws Exception {
        send("{not json");
        Person person = Person.create();
        insertRows(person);
        String requestId = UUID.randomUUID().toString();

        send(request(requestId, "erasure", person));

        assertEquals(1, awaitConfirmations(requestId, 1).size());
    }

    /** A person with one profile key and the SHA-256 hash of one e-mail address. */
    public record Person(String profileKey, String email, String emailHash) {

        public static Person create() {
            String id = UUID.randomUUID().toString();
            String email = id + "@example.com";
            return new Person("privacy:" + id, email, sha256(email));
        }
    }

    /** Runs a statement on the service's database and returns the rows it changed. */
    protected long sql(String statement, Object... parameters) {
        return pool.preparedQuery(statement).execute(Tuple.from(List.of(parameters))).await().atMost(TIMEOUT)
                .rowCount();
    }

    /** Runs a query whose first row's first column is a count. */
    protected long count(String query, Object... parameters) {
        return pool.preparedQuery(query).execute(Tuple.from(List.of(parameters))).await().atMost(TIMEOUT)
                .iterator().next().getLong(0);
    }

    /** Builds a privacy request of {@code kind} (erasure or export) for the person's key and e-mail hash. */
    protected static String request(String requestId, String kind, Person person) throws Exception {
        return MAPPER.writeValueAsString(Map.of("schemaVersion", 1, "eventId", requestId, "requestId", requestId,
                "kind", kind, "profileKeys", List.of(person.profileKey()), "identityHashes", List.of(person.emailHash()),
                "requestedAt", Instant.now().toString()));
    }

    /** Publishes a payload on cm.privacy-requests and waits for the broker's acknowledgement. */
    protected static void send(String payload) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(PrivacyTopics.REQUESTS, "test", payload)).get();
        }
    }

    /** Reads cm.privacy-confirmations until it has {@code expected} confirmations of the request. */
    protected static List<JsonNode> awaitConfirmations(String requestId, int expected) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(PrivacyTopics.CONFIRMATIONS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (found.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (requestId.equals(record.key())) {
                        found.add(MAPPER.readTree(record.value()));
                    }
                }
            }
        }
        assertEquals(expected, found.size(), "confirmations of request " + requestId);
        return found;
    }

    /** Opens the sealed rows of an export confirmation, after checking that none travel in clear text. */
    private JsonNode openExport(JsonNode confirmation) throws Exception {
        assertTrue(confirmation.path("data").isNull() || confirmation.path("data").isMissingNode(),
                "export rows in clear text on the topic");
        SealedTraits sealed = MAPPER.treeToValue(confirmation.path("sealedData"), SealedTraits.class);
        String rows = opener.open(PrivacyTopics.CONFIRMATIONS, confirmation.path("eventId").asText(), sealed)
                .get("data");
        return MAPPER.readTree(rows);
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
