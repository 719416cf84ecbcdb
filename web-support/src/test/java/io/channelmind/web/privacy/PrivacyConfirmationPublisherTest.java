package io.channelmind.web.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.KeyEncryptionKey;
import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.SecretKeyEncryptionKey;
import io.channelmind.web.crypto.TopicOpener;
import io.channelmind.web.crypto.TopicSealer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

class PrivacyConfirmationPublisherTest {

    private static final PrivacyRequest REQUEST = new PrivacyRequest(1, "event-1", "request-1",
            PrivacyRequest.EXPORT, List.of("crm:42"), List.of(), Instant.parse("2026-01-01T00:00:00Z"));

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final KeyEncryptionKey kek = new SecretKeyEncryptionKey(randomKey(), List.of());
    private final List<Message<String>> sent = new ArrayList<>();
    private final PrivacyConfirmationPublisher publisher = new PrivacyConfirmationPublisher(mapper,
            new TopicSealer(kek, Duration.ofHours(1), Clock.systemUTC()), message -> {
                sent.add(message);
                return Uni.createFrom().voidItem();
            });

    @Test
    void exportRowsTravelSealed() throws Exception {
        Map<String, Object> data = Map.of("customer_event", List.of(Map.of("profile_key", "crm:42")));

        publisher.publish(PrivacyConfirmation.exported("test-service", REQUEST, data)).await().indefinitely();

        assertEquals(1, sent.size());
        JsonNode json = mapper.readTree(sent.get(0).getPayload());
        assertFalse(sent.get(0).getPayload().contains("crm:42"), sent.get(0).getPayload());
        assertTrue(json.path("data").isNull(), json.toString());
        assertEquals("request-1/test-service", json.path("eventId").asText());
        assertEquals("test-service", json.path("service").asText());
        SealedTraits sealed = mapper.treeToValue(json.path("sealedData"), SealedTraits.class);
        String rows = new TopicOpener(kek).open(PrivacyTopics.CONFIRMATIONS, json.path("eventId").asText(), sealed)
                .get(PrivacyConfirmationPublisher.SEALED_DATA);
        assertEquals(mapper.valueToTree(data), mapper.readTree(rows));
    }

    @Test
    void erasureKeepsRowCounts() throws Exception {
        PrivacyConfirmation erased = PrivacyConfirmation.erased("test-service", REQUEST, Map.of("send", 2L));

        JsonNode json = mapper.readTree(publisher.message(erased).getPayload());

        assertEquals(2, json.path("rowsDeleted").path("send").asLong());
        assertTrue(json.path("sealedData").isNull(), json.toString());
        assertFalse(json.has("complete"), json.toString());
    }

    @Test
    void messageIsKeyedByRequestId() throws Exception {
        Message<String> message = publisher.message(PrivacyConfirmation.erased("test-service", REQUEST, Map.of()));

        OutgoingKafkaRecordMetadata<?> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertEquals("request-1", metadata.getKey());
    }

    @Test
    void malformedRequestIsSkipped() {
        PrivacyRequestHandler handler = new PrivacyRequestHandler("test-service", new PersonRows(List.of()), mapper,
                null, publisher);

        handler.handle("not json").await().indefinitely();
        handler.handle("{\"requestId\":\"request-2\",\"kind\":\"erasure\",\"profileKeys\":[]}").await().indefinitely();
        handler.handle(null).await().indefinitely();

        assertTrue(sent.isEmpty());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
