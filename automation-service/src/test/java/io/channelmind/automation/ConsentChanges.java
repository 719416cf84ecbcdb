package io.channelmind.automation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.messaging.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes cm.consent-changes and cm.profile-merged messages as profile-service writes them to
 * the test broker, and waits until the application stored them.
 */
public final class ConsentChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsentChanges() {
    }

    /** Builds a consent change for a channel and purpose, as the consent API publishes it. */
    public static Map<String, Object> consent(String profileKey, String channel, String purpose, String state,
            Instant at) {
        Map<String, Object> event = base("consent:" + UUID.randomUUID(), profileKey, at);
        event.put("channel", channel);
        event.put("doNotContact", false);
        event.put("purpose", purpose);
        event.put("state", state);
        event.put("actor", "test");
        return event;
    }

    /** Builds a manual do-not-contact mark, which covers every channel. */
    public static Map<String, Object> manualMark(String profileKey, Instant at) {
        Map<String, Object> event = base("dnc-api:" + UUID.randomUUID(), profileKey, at);
        event.put("channel", null);
        event.put("doNotContact", true);
        event.put("reason", "manual");
        event.put("actor", "test");
        return event;
    }

    /** Builds the clearing of a do-not-contact mark. */
    public static Map<String, Object> clearMark(String profileKey, Instant at) {
        Map<String, Object> event = base("dnc-api:" + UUID.randomUUID(), profileKey, at);
        event.put("channel", null);
        event.put("doNotContact", false);
        event.put("reason", null);
        event.put("actor", "test");
        return event;
    }

    /** Builds a cm.profile-merged message as profile-service writes it. */
    public static Map<String, Object> merge(String survivingProfileKey, String mergedProfileKey, Instant mergedAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", "merge:" + UUID.randomUUID() + ":" + mergedProfileKey);
        event.put("survivingProfileKey", survivingProfileKey);
        event.put("mergedProfileKey", mergedProfileKey);
        event.put("reason", "alias");
        event.put("causeEventId", UUID.randomUUID().toString());
        event.put("occurredAt", mergedAt.toString());
        event.put("mergedAt", mergedAt.toString());
        return event;
    }

    private static Map<String, Object> base(String eventId, String profileKey, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schemaVersion", 1);
        event.put("eventId", eventId);
        event.put("profileKey", profileKey);
        event.put("at", at.toString());
        return event;
    }

    /** Publishes the events in order; events of one profile share a key, so they are consumed in this order. */
    @SafeVarargs
    public static void publish(Map<String, Object>... events) {
        send(Topics.CONSENT_CHANGES, "profileKey", List.of(events));
    }

    /**
     * Publishes cm.profile-merged messages in order, keyed by the survivor, and waits until the
     * application stored the last of them.
     */
    @SafeVarargs
    public static void publishMergesAndAwait(Pool pool, Map<String, Object>... merges) {
        send(Topics.PROFILE_MERGED, "survivingProfileKey", List.of(merges));
        String query = "select count(*) from profile_merge where event_id = $1";
        Object eventId = merges[merges.length - 1].get("eventId");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> pool.preparedQuery(query).execute(Tuple.of(eventId)).await().indefinitely()
                        .iterator().next().getLong(0) > 0);
    }

    private static void send(String topic, String keyField, List<Map<String, Object>> events) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (Map<String, Object> event : events) {
                producer.send(new ProducerRecord<>(topic, (String) event.get(keyField), write(event))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Publishing to " + topic + " failed", e);
        }
    }

    /** Waits until the event is the stored consent state or mark of its profile. */
    public static void awaitStored(Pool pool, Map<String, Object> event) {
        String query = "select (select count(*) from consent_purpose where event_id = $1)"
                + " + (select count(*) from consent_mark where event_id = $1)";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> pool.preparedQuery(query).execute(Tuple.of(event.get("eventId"))).await().indefinitely()
                        .iterator().next().getLong(0) > 0);
    }

    /** Publishes the events and waits until the last of them is stored. */
    @SafeVarargs
    public static void publishAndAwait(Pool pool, Map<String, Object>... events) {
        publish(events);
        awaitStored(pool, List.of(events).get(events.length - 1));
    }

    private static String write(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
