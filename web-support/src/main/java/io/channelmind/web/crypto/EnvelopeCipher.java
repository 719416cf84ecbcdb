package io.channelmind.web.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encrypts single values, such as an e-mail address column, with the active data key.
 *
 * <p>A ciphertext is {@code version (1 byte, 1) || data key id (4 bytes, big-endian) || nonce
 * (12 bytes) || AES-256-GCM ciphertext || tag (16 bytes)}. The version byte, the key id and a
 * caller-chosen context (such as {@code profile.email}) are authenticated, so a ciphertext
 * copied into another column fails to decrypt. The key-encryption key is not named in the
 * ciphertext, because re-wrapping a data key under a new one must not rewrite the data.
 */
public final class EnvelopeCipher {

    /** The only format version so far. */
    public static final byte VERSION = 1;

    private static final int HEADER_BYTES = 1 + Integer.BYTES;

    private volatile DataKeyring keyring = DataKeyring.EMPTY;

    /** Replaces the keys; values encrypted before stay readable as long as their key is in the new keyring. */
    public void use(DataKeyring keyring) {
        this.keyring = keyring;
    }

    public DataKeyring keyring() {
        return keyring;
    }

    /** Encrypts {@code plaintext} with the active data key; returns null for null. */
    public byte[] encrypt(String context, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        DataKeyring current = keyring;
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[HEADER_BYTES + AesGcm.sealedLength(input.length)];
        ByteBuffer.wrap(out).put(VERSION).putInt(current.activeId());
        AesGcm.seal(current.active(), input, associatedData(out, context), out, HEADER_BYTES);
        return out;
    }

    /**
     * Decrypts a value that {@link #encrypt} produced with the same context; returns null for null.
     *
     * @throws CryptoException when the version is unknown, the data key is not loaded, or the
     *         ciphertext, its header or the context differ from what was encrypted
     */
    public String decrypt(String context, byte[] ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        int keyId = dataKeyId(ciphertext);
        byte[] plaintext = AesGcm.open(keyring.key(keyId), ciphertext, HEADER_BYTES,
                associatedData(ciphertext, context), "The value of " + context);
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    /**
     * Returns the id of the data key that encrypted {@code ciphertext}.
     *
     * @throws CryptoException when the ciphertext is too short or has an unknown version
     */
    public static int dataKeyId(byte[] ciphertext) {
        if (ciphertext.length < HEADER_BYTES) {
            throw new CryptoException("A ciphertext of " + ciphertext.length + " bytes is too short for its header");
        }
        if (ciphertext[0] != VERSION) {
            throw new CryptoException("Ciphertext version " + ciphertext[0] + " is unknown; this version reads "
                    + VERSION + " only");
        }
        return ByteBuffer.wrap(ciphertext, 1, Integer.BYTES).getInt();
    }

    /**
     * Returns the lowest data key id among a row's ciphertexts, skipping nulls, or null when all
     * are null. A re-encryption job converts a row while any of its values uses an old key.
     */
    public static Integer lowestDataKeyId(byte[]... ciphertexts) {
        Integer lowest = null;
        for (byte[] ciphertext : ciphertexts) {
            if (ciphertext != null) {
                int id = dataKeyId(ciphertext);
                lowest = lowest == null ? id : Math.min(lowest, id);
            }
        }
        return lowest;
    }

    private static byte[] associatedData(byte[] header, String context) {
        byte[] name = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(HEADER_BYTES + name.length).put(header, 0, HEADER_BYTES).put(name).array();
    }
}
