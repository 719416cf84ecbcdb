package io.channelmind.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.SecretKeyEncryptionKey;
import io.channelmind.web.crypto.TopicSealer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * channel-optimizer has no key-encryption key: it reads identify events without their
 * {@code sealedTraits} and stores neither the ciphertext nor anything derived from it.
 */
@QuarkusTest
class SealedTraitsTest {

    @Inject
    Pool pool;

    @Test
    void sealedTraitsAreNotStored() {
        String profileKey = TestEvents.unique("test:sealed");
        String importId = TestEvents.unique("sealed");
        Map<String, Object> event = TestEvents.identify(profileKey, Map.of("plan", "pro"), importId);
        SealedTraits sealed = sealerWithForeignKey().seal("cm.customer-events", (String) event.get("eventId"),
                Map.of("email", "optimizer.ann@example.com", "firstName", "Annabel"));
        event.put("sealedTraits", sealed);

        TestEvents.sendCustomerEvents(List.of(event));
        TestEvents.awaitImportProgress(importId, 1);

        String stored = pool.preparedQuery("select traits::text from profile_trait where profile_key = $1")
                .execute(Tuple.of(profileKey)).await().atMost(Duration.ofSeconds(10))
                .stream().map((Row row) -> row.getString(0)).findFirst().orElseThrow();
        assertEquals("{\"plan\": \"pro\"}", stored);
        assertFalse(stored.contains(sealed.wrappedKey()), stored);
        for (String value : sealed.traits().values()) {
            assertFalse(stored.contains(value), stored);
        }
    }

    /** Returns a sealer under a key-encryption key that this service does not have. */
    private static TopicSealer sealerWithForeignKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new TopicSealer(new SecretKeyEncryptionKey(Base64.getEncoder().encodeToString(key), List.of()),
                Duration.ofHours(1), Clock.systemUTC());
    }
}
