package io.channelmind.web.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key from configuration: the current key wraps new and re-wrapped data keys,
 * and previous keys only unwrap, so that a new key can be rolled out without downtime.
 * A key's id is the first 8 bytes of a SHA-256 over a label and the key, in hex: it names the
 * key without revealing it.
 */
public final class SecretKeyEncryptionKey implements KeyEncryptionKey {

    /** Configuration key of the current key, named in every startup error. */
    public static final String PROPERTY = "channelmind.crypto.kek";
    /** Configuration key of the previous keys. */
    public static final String PREVIOUS_PROPERTY = "channelmind.crypto.previous-keks";

    private static final int MIN_BYTES = 32;
    private static final byte[] WRAP_LABEL = "channelmind data key ".getBytes(StandardCharsets.US_ASCII);
    private static final String FIX = "Set it (environment variable CHANNELMIND_CRYPTO_KEK, from the Kubernetes "
            + "Secret in production) to the base64 of at least 32 random bytes, such as the output of "
            + "'openssl rand -base64 32'";

    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    /**
     * Reads the keys from their base64 text.
     *
     * @throws IllegalStateException when the current key is missing, or a key is not base64 or is
     *         shorter than 256 bits. The message names the property and the fix.
     */
    public SecretKeyEncryptionKey(String currentBase64, List<String> previousBase64) {
        if (currentBase64 == null || currentBase64.isBlank()) {
            throw new IllegalStateException(PROPERTY + " is not set, so personal data cannot be encrypted. " + FIX);
        }
        SecretKey current = decode(PROPERTY, currentBase64);
        currentId = keyId(current);
        keys.put(currentId, current);
        for (String previous : previousBase64) {
            SecretKey key = decode(PREVIOUS_PROPERTY, previous);
            keys.putIfAbsent(keyId(key), key);
        }
    }

    @Override
    public String currentKeyId() {
        return currentId;
    }

    @Override
    public boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    @Override
    public byte[] wrap(int dataKeyId, byte[] dataKey) {
        byte[] wrapped = new byte[AesGcm.sealedLength(dataKey.length)];
        AesGcm.seal(keys.get(currentId), dataKey, associatedData(dataKeyId), wrapped, 0);
        return wrapped;
    }

    @Override
    public byte[] unwrap(String keyId, int dataKeyId, byte[] wrapped) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new CryptoException("Data key " + dataKeyId + " is wrapped under key-encryption key " + keyId
                    + ", which is neither " + PROPERTY + " (" + currentId + ") nor in " + PREVIOUS_PROPERTY
                    + ". Add the key that wrapped it to " + PREVIOUS_PROPERTY);
        }
        return AesGcm.open(key, wrapped, 0, associatedData(dataKeyId), "Data key " + dataKeyId);
    }

    private static byte[] associatedData(int dataKeyId) {
        return ByteBuffer.allocate(WRAP_LABEL.length + Integer.BYTES).put(WRAP_LABEL).putInt(dataKeyId).array();
    }

    private static SecretKey decode(String property, String base64) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64 (" + e.getMessage() + "). " + FIX);
        }
        if (material.length < MIN_BYTES) {
            throw new IllegalStateException(property + " has " + material.length * 8
                    + " bits, fewer than the 256 required. " + FIX);
        }
        // A key longer than 256 bits is condensed to an AES-256 key with SHA-256.
        byte[] aesKey = material.length == MIN_BYTES ? material : sha256(material);
        return new SecretKeySpec(aesKey, "AES");
    }

    private static String keyId(SecretKey key) {
        byte[] label = "channelmind kek id ".getBytes(StandardCharsets.US_ASCII);
        byte[] input = ByteBuffer.allocate(label.length + AesGcm.KEY_BYTES).put(label).put(key.getEncoded()).array();
        return HexFormat.of().formatHex(sha256(input), 0, 8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
