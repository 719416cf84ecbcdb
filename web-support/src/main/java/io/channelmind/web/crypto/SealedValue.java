package io.channelmind.web.crypto;

/**
 * A personal value read from the database and kept encrypted until the one call that needs it,
 * such as a connector's send. {@link #toString()} never shows the value, so a logged record
 * that contains one leaks nothing.
 */
public final class SealedValue {

    private final EnvelopeCipher cipher;
    private final String context;
    private final byte[] ciphertext;
    private final String plaintext;

    private SealedValue(EnvelopeCipher cipher, String context, byte[] ciphertext, String plaintext) {
        this.cipher = cipher;
        this.context = context;
        this.ciphertext = ciphertext;
        this.plaintext = plaintext;
    }

    /** Wraps a ciphertext that {@code cipher} encrypted with {@code context}; null stays a sealed null. */
    public static SealedValue of(EnvelopeCipher cipher, String context, byte[] ciphertext) {
        return new SealedValue(cipher, context, ciphertext, null);
    }

    /** Wraps a value that is not encrypted, such as a row written before encryption or a test value. */
    public static SealedValue plaintext(String value) {
        return new SealedValue(null, null, null, value);
    }

    /**
     * Decrypts the value, or returns null when it is null.
     *
     * @throws CryptoException when the ciphertext does not decrypt
     */
    public String reveal() {
        return cipher == null ? plaintext : cipher.decrypt(context, ciphertext);
    }

    @Override
    public String toString() {
        return "SealedValue[redacted]";
    }
}
