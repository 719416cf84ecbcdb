package io.channelmind.web.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts the {@link SealedTraits} of consumed Kafka messages with the key-encryption key. An
 * unwrapped data key is cached by its wrapped bytes, because a producer uses one data key for
 * many messages; the cache is cleared when it contains {@link #MAX_CACHED_KEYS} keys.
 */
public final class TopicOpener {

    /** Unwrapped data keys kept at most: many more than the producers that rotate at the same time. */
    static final int MAX_CACHED_KEYS = 1024;

    private final KeyEncryptionKey kek;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

    public TopicOpener(KeyEncryptionKey kek) {
        this.kek = kek;
    }

    /**
     * Decrypts every trait of the message {@code eventId} on {@code topic}; returns an empty map for null.
     *
     * @throws CryptoException when the version is unknown, the key-encryption key is not
     *         configured, the wrapped key or a value is not base64, or a value, its field name,
     *         the event id, the topic or the wrapped key was changed
     */
    public Map<String, String> open(String topic, String eventId, SealedTraits sealed) {
        if (sealed == null || sealed.traits() == null) {
            return Map.of();
        }
        if (sealed.version() != SealedTraits.VERSION) {
            throw new CryptoException("Sealed traits of version " + sealed.version() + " are unknown; this version reads "
                    + SealedTraits.VERSION + " only");
        }
        SecretKey key = unwrap(sealed);
        Map<String, String> opened = new LinkedHashMap<>();
        for (Map.Entry<String, String> trait : sealed.traits().entrySet()) {
            String field = "traits." + trait.getKey();
            byte[] value = decode(trait.getValue(), field);
            byte[] plaintext = AesGcm.open(key, value, 0,
                    TopicSealer.associatedData(sealed.keyId(), topic, field, eventId), "The value of " + field);
            opened.put(trait.getKey(), new String(plaintext, StandardCharsets.UTF_8));
        }
        return opened;
    }

    private SecretKey unwrap(SealedTraits sealed) {
        if (sealed.kekId() == null || sealed.wrappedKey() == null) {
            throw new CryptoException("Sealed traits are missing kekId or wrappedKey");
        }
        String cacheKey = sealed.kekId() + ':' + sealed.keyId() + ':' + sealed.wrappedKey();
        SecretKey cached = keys.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] dataKey = kek.unwrap(sealed.kekId(), sealed.keyId(), decode(sealed.wrappedKey(), "wrappedKey"));
        SecretKey key = new SecretKeySpec(dataKey, "AES");
        if (keys.size() >= MAX_CACHED_KEYS) {
            keys.clear();
        }
        keys.put(cacheKey, key);
        return key;
    }

    private static byte[] decode(String base64, String field) {
        if (base64 == null) {
            throw new CryptoException("Sealed " + field + " is null");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("Sealed " + field + " is not valid base64: " + e.getMessage(), e);
        }
    }
}
