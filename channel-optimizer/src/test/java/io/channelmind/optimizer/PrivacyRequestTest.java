package io.channelmind.optimizer;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.privacy.PrivacyRequestConsumer;
import io.channelmind.web.privacy.PrivacyTopics;
import io.channelmind.web.crypto.TopicOpener;
import io.channelmind.web.testing.ExportedRows;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class PrivacyRequestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    TopicOpener opener;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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
        assertEquals(PrivacyRequestConsumer.SERVICE, confirmation.path("service").asText());
        EXPECTED_DELETED.forEach((table, rows) ->
                assertEquals(rows.longValue(), confirmation.path("rowsDeleted").path(table).asLong(), table));
        assertEquals(0, countRows(person), "rows left of the erased person");
        assertTrue(countRows(other) > 0, "rows of another person stay");

        send(request(requestId, "erasure", person));
        JsonNode replay = awaitConfirmations(requestId, 2).get(1);
        EXPECTED_DELETED.keySet().forEach(table ->
                assertEquals(0, replay.path("rowsDeleted").path(table).asLong(), "replayed " + table));
    }

    @Test
    void exportReturnsPersonRows() throws Exception {
        Person person = Person.create();
        insertRows(person);

        String requestId = UUID.randomUUID().toString();
        send(request(requestId, "export", person));
        JsonNode confirmation = awaitConfirmations(requestId, 1).get(0);

        JsonNode exported = ExportedRows.open(opener, confirmation);
        EXPECTED_DELETED.forEach((table, rows) ->
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

    /** A person with one profile key and the hash of one e-mail address. */
    record Person(String profileKey, String email, String emailHash) {

        static Person create() {
            String id = UUID.randomUUID().toString();
            String email = id + "@example.com";
            return new Person("privacy:" + id, email, sha256(email));
        }
    }

    private static final Map<String, Integer> EXPECTED_DELETED = Map.of("profile", 1, "profile_channel", 2,
            "segment_member", 1);

    private void insertRows(Person person) {
        sql("insert into profile (profile_key) values ($1)", person.profileKey());
        sql("insert into profile_channel (profile_key, channel) values ($1, 'email'), ($1, 'sms')", person.profileKey());
        sql("insert into segment_member (segment, profile_key) values ('vip', $1)", person.profileKey());
    }

    private long countRows(Person person) {
        return count("select (select count(*) from profile where profile_key = $1)"
                + " + (select count(*) from profile_channel where profile_key = $1)"
                + " + (select count(*) from segment_member where profile_key = $1)", person.profileKey());
    }

    private long sql(String statement, Object... parameters) {
        return pool.preparedQuery(statement).execute(Tuple.from(List.of(parameters))).await().atMost(TIMEOUT).rowCount();
    }

    private long count(String query, Object... parameters) {
        return pool.preparedQuery(query).execute(Tuple.from(List.of(parameters))).await().atMost(TIMEOUT)
                .iterator().next().getLong(0);
    }

    private static String request(String requestId, String kind, Person person) throws Exception {
        return MAPPER.writeValueAsString(Map.of("schemaVersion", 1, "eventId", requestId, "requestId", requestId,
                "kind", kind, "profileKeys", List.of(person.profileKey()), "identityHashes", List.of(person.emailHash()),
                "requestedAt", Instant.now().toString()));
    }

    private void send(String payload) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(PrivacyTopics.REQUESTS, "test", payload)).get();
        }
    }

    /** Reads cm.privacy-confirmations until it has {@code expected} confirmations of the request. */
    private List<JsonNode> awaitConfirmations(String requestId, int expected) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
