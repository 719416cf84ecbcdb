package io.channelmind.web.crypto;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The traits of one Kafka message that name or contact a person, encrypted, with the data key
 * that decrypts them: {@code wrappedKey} is the base64 of the data key wrapped by the
 * key-encryption key {@code kekId}, bound to {@code keyId}, and each value of {@code traits} is
 * the base64 of {@code nonce (12 bytes) || AES-256-GCM ciphertext || tag (16 bytes)} of the
 * trait's UTF-8 text. {@link TopicSealer} writes it and {@link TopicOpener} reads it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SealedTraits(int version, String kekId, int keyId, String wrappedKey, Map<String, String> traits) {

    /** The only format version so far. */
    public static final int VERSION = 1;
}
