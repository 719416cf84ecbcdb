package io.channelmind.web.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TopicSealerTest {

    private static final String TOPIC = "cm.customer-events";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final String kekText = randomKey();
    private final KeyEncryptionKey kek = new SecretKeyEncryptionKey(kekText, List.of());
    private final TopicSealer sealer = new TopicSealer(kek, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    private final TopicOpener opener = new TopicOpener(kek);

    @Test
    void roundTripRestoresTraits() {
        Map<String, String> traits = traits("ann@example.com", "+8613800000000", "王小明");

        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits);

        assertEquals(traits, opener.open(TOPIC, "event-1", sealed));
        assertEquals(kek.currentKeyId(), sealed.kekId());
        assertEquals(SealedTraits.VERSION, sealed.version());
    }

    @Test
    void sealedTraitsHoldNoPlaintext() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", "+8613800000000", "Ann"));

        String text = sealed.toString();
        assertFalse(text.contains("ann@example.com"), text);
        assertFalse(text.contains("8613800000000"), text);
        assertFalse(text.contains("Ann"), text);
    }

    @Test
    void emptyTraitsSealToNull() {
        assertNull(sealer.seal(TOPIC, "event-1", Map.of()));
        assertEquals(Map.of(), opener.open(TOPIC, "event-1", null));
    }

    @Test
    void otherConsumerWithSameKekOpens() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", null, null));

        TopicOpener consumer = new TopicOpener(new SecretKeyEncryptionKey(kekText, List.of()));

        assertEquals("ann@example.com", consumer.open(TOPIC, "event-1", sealed).get("email"));
    }

    @Test
    void valueMovedToOtherFieldFails() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", "+8613800000000", null));
        Map<String, String> swapped = new HashMap<>(sealed.traits());
        swapped.put("phone", sealed.traits().get("email"));

        CryptoException error = assertThrows(CryptoException.class,
                () -> opener.open(TOPIC, "event-1", with(sealed, swapped)));

        assertTrue(error.getMessage().contains("traits.phone"), error.getMessage());
    }

    @Test
    void valueMovedToOtherEventFails() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", null, null));

        assertThrows(CryptoException.class, () -> opener.open(TOPIC, "event-2", sealed));
        assertThrows(CryptoException.class, () -> opener.open("cm.other", "event-1", sealed));
    }

    @Test
    void flippedBitFails() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", null, null));
        byte[] value = Base64.getDecoder().decode(sealed.traits().get("email"));
        value[value.length / 2] ^= 1;

        assertThrows(CryptoException.class, () -> opener.open(TOPIC, "event-1",
                with(sealed, Map.of("email", Base64.getEncoder().encodeToString(value)))));
    }

    @Test
    void changedKeyIdFails() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", null, null));
        SealedTraits changed = new SealedTraits(sealed.version(), sealed.kekId(), sealed.keyId() + 1,
                sealed.wrappedKey(), sealed.traits());

        assertThrows(CryptoException.class, () -> opener.open(TOPIC, "event-1", changed));
    }

    @Test
    void otherKekFailsNamingKey() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", null, null));
        TopicOpener stranger = new TopicOpener(new SecretKeyEncryptionKey(randomKey(), List.of()));

        CryptoException error = assertThrows(CryptoException.class, () -> stranger.open(TOPIC, "event-1", sealed));

        assertTrue(error.getMessage().contains(sealed.kekId()), error.getMessage());
    }

    @Test
    void unknownVersionAndBadBase64Fail() {
        SealedTraits sealed = sealer.seal(TOPIC, "event-1", traits("ann@example.com", null, null));

        assertThrows(CryptoException.class, () -> opener.open(TOPIC, "event-1",
                new SealedTraits(2, sealed.kekId(), sealed.keyId(), sealed.wrappedKey(), sealed.traits())));
        assertThrows(CryptoException.class, () -> opener.open(TOPIC, "event-1", with(sealed, Map.of("email", "%%"))));
        assertThrows(CryptoException.class, () -> opener.open(TOPIC, "event-1",
                new SealedTraits(1, sealed.kekId(), sealed.keyId(), null, sealed.traits())));
    }

    @Test
    void keyRotatesAfterPeriod() {
        MutableClock clock = new MutableClock(NOW);
        TopicSealer rotating = new TopicSealer(kek, Duration.ofHours(1), clock);

        SealedTraits first = rotating.seal(TOPIC, "event-1", traits("ann@example.com", null, null));
        clock.now = NOW.plus(Duration.ofMinutes(59));
        SealedTraits sameHour = rotating.seal(TOPIC, "event-2", traits("ann@example.com", null, null));
        clock.now = NOW.plus(Duration.ofMinutes(61));
        SealedTraits later = rotating.seal(TOPIC, "event-3", traits("ann@example.com", null, null));

        assertEquals(first.wrappedKey(), sameHour.wrappedKey());
        assertNotEquals(first.wrappedKey(), later.wrappedKey());
        assertEquals("ann@example.com", opener.open(TOPIC, "event-1", first).get("email"));
        assertEquals("ann@example.com", opener.open(TOPIC, "event-3", later).get("email"));
    }

    @Test
    void openerUnwrapsEachKeyOnce() {
        CountingKek counting = new CountingKek(kek);
        TopicOpener cached = new TopicOpener(counting);

        for (int i = 0; i < 5; i++) {
            String eventId = "event-" + i;
            cached.open(TOPIC, eventId, sealer.seal(TOPIC, eventId, traits("ann@example.com", null, null)));
        }

        assertEquals(1, counting.unwraps.get());
    }

    @Test
    void missingKekFailsNamingProperty() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new SecretKeyEncryptionKey(null, List.of()));

        assertTrue(error.getMessage().contains("channelmind.crypto.kek"), error.getMessage());
    }

    private static Map<String, String> traits(String email, String phone, String firstName) {
        Map<String, String> traits = new LinkedHashMap<>();
        if (email != null) {
            traits.put("email", email);
        }
        if (phone != null) {
            traits.put("phone", phone);
        }
        if (firstName != null) {
            traits.put("firstName", firstName);
        }
        return traits;
    }

    private static SealedTraits with(SealedTraits sealed, Map<String, String> values) {
        return new SealedTraits(sealed.version(), sealed.kekId(), sealed.keyId(), sealed.wrappedKey(), values);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private record CountingKek(KeyEncryptionKey delegate, AtomicInteger unwraps) implements KeyEncryptionKey {

        CountingKek(KeyEncryptionKey delegate) {
            this(delegate, new AtomicInteger());
        }

        @Override
        public String currentKeyId() {
            return delegate.currentKeyId();
        }

        @Override
        public boolean hasKey(String keyId) {
            return delegate.hasKey(keyId);
        }

        @Override
        public byte[] wrap(int dataKeyId, byte[] dataKey) {
            return delegate.wrap(dataKeyId, dataKey);
        }

        @Override
        public byte[] unwrap(String keyId, int dataKeyId, byte[] wrapped) {
            unwraps.incrementAndGet();
            return delegate.unwrap(keyId, dataKeyId, wrapped);
        }
    }
}
