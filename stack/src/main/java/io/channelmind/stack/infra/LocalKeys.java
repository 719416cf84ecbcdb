package io.channelmind.stack.infra;

import java.security.SecureRandom;
import java.util.Base64;

/** Keys that the local stack and the tests generate instead of reading them from a Secret. */
public final class LocalKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalKeys() {
    }

    /** Returns the base64 of 32 random bytes, a valid key-encryption key ({@code channelmind.crypto.kek}). */
    public static String keyEncryptionKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
