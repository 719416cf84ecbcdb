package io.channelmind.ingestion.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Write keys of tracking sources. A key is 32 random bytes, base64url-encoded. The database
 * stores only its SHA-256 hash. A slow password hash is not needed, because the key has 256
 * bits of entropy and cannot be guessed from a dictionary. A fast hash also keeps the lookup on
 * every tracking request cheap.
 */
public final class WriteKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;
    /** Characters of a key shown to identify it: 36 of its 256 random bits. */
    private static final int PREFIX_LENGTH = 6;

    private WriteKeys() {
    }

    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** Returns the lower-case hex SHA-256 of the key's UTF-8 bytes. */
    public static String hash(String writeKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(writeKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** Returns the first characters of the key, which identify it in the audit log without revealing it. */
    public static String prefix(String writeKey) {
        return writeKey.substring(0, Math.min(PREFIX_LENGTH, writeKey.length()));
    }
}
