package io.channelmind.web.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the personal traits of messages that a producer writes to a Kafka topic, so that any
 * consumer with the key-encryption key can decrypt them without asking the producer or a
 * database. The producer keeps one data key in memory and writes it, wrapped by the
 * key-encryption key, into every message that uses it. It replaces the key after
 * {@code rotationPeriod}, or after {@link #MAX_VALUES_PER_KEY} values, because AES-GCM with
 * random nonces must stay far below 2^32 encryptions per key.
 *
 * <p>Each value is bound to its topic, its field name and the message's event id as associated
 * data, so a value copied into another field, event or topic fails to decrypt.
 */
public final class TopicSealer {

    /** Values one data key encrypts at most: 2^28, a safety margin of 16 below the 2^32 limit of random nonces. */
    public static final long MAX_VALUES_PER_KEY = 1L << 28;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] LABEL = "channelmind topic value v1".getBytes(StandardCharsets.US_ASCII);

    private final KeyEncryptionKey kek;
    private final Duration rotationPeriod;
    private final Clock clock;
    private volatile TopicKey current;

    public TopicSealer(KeyEncryptionKey kek, Duration rotationPeriod, Clock clock) {
        if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
            throw new IllegalArgumentException("The rotation period of topic data keys must be positive, not "
                    + rotationPeriod);
        }
        this.kek = kek;
        this.rotationPeriod = rotationPeriod;
        this.clock = clock;
        this.current = newKey();
    }

    /**
     * Encrypts {@code traits} of the message {@code eventId} on {@code topic}; returns null when
     * {@code traits} is empty. The field name of each value is {@code traits.<name>}.
     */
    public SealedTraits seal(String topic, String eventId, Map<String, String> traits) {
        if (traits.isEmpty()) {
            return null;
        }
        TopicKey key = keyFor(traits.size());
        Map<String, String> sealed = new LinkedHashMap<>();
        traits.forEach((name, value) -> sealed.put(name, seal(key, topic, "traits." + name, eventId, value)));
        return new SealedTraits(SealedTraits.VERSION, key.kekId, key.id, key.wrappedBase64, sealed);
    }

    private static String seal(TopicKey key, String topic, String field, String eventId, String value) {
        byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[AesGcm.sealedLength(plaintext.length)];
        AesGcm.seal(key.secret, plaintext, associatedData(key.id, topic, field, eventId), out, 0);
        return Base64.getEncoder().encodeToString(out);
    }

    /** Returns the current data key, or a new one when it is older than the rotation period or has sealed enough values. */
    private TopicKey keyFor(int values) {
        TopicKey key = current;
        if (key.uses.addAndGet(values) > MAX_VALUES_PER_KEY
                || key.createdAt.plus(rotationPeriod).isBefore(clock.instant())) {
            synchronized (this) {
                if (current == key) {
                    current = newKey();
                }
                key = current;
            }
            key.uses.addAndGet(values);
        }
        return key;
    }

    private TopicKey newKey() {
        // A random positive id, so that two producers (or two restarts) rarely pick the same one.
        int id = RANDOM.nextInt(Integer.MAX_VALUE - 1) + 1;
        byte[] dataKey = AesGcm.randomKey();
        String wrapped = Base64.getEncoder().encodeToString(kek.wrap(id, dataKey));
        return new TopicKey(kek.currentKeyId(), id, wrapped, new SecretKeySpec(dataKey, "AES"), clock.instant());
    }

    /**
     * Returns the associated data of a value: a label, the data key id, then the topic, field
     * name and event id, each preceded by its length so that no two tuples give the same bytes.
     */
    static byte[] associatedData(int keyId, String topic, String field, String eventId) {
        byte[][] parts = {topic.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8),
                eventId.getBytes(StandardCharsets.UTF_8)};
        int length = LABEL.length + Integer.BYTES;
        for (byte[] part : parts) {
            length += Integer.BYTES + part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).put(LABEL).putInt(keyId);
        for (byte[] part : parts) {
            buffer.putInt(part.length).put(part);
        }
        return buffer.array();
    }

    /** A data key in memory with its wrapped form and the number of values it has sealed. */
    private static final class TopicKey {

        private final String kekId;
        private final int id;
        private final String wrappedBase64;
        private final SecretKey secret;
        private final Instant createdAt;
        private final AtomicLong uses = new AtomicLong();

        TopicKey(String kekId, int id, String wrappedBase64, SecretKey secret, Instant createdAt) {
            this.kekId = kekId;
            this.id = id;
            this.wrappedBase64 = wrappedBase64;
            this.secret = secret;
            this.createdAt = createdAt;
        }
    }
}
