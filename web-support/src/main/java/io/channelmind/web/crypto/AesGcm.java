package io.channelmind.web.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM with a random 96-bit nonce per message and a 128-bit tag: {@code nonce || ciphertext || tag}. */
final class AesGcm {

    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised again for every value. A new Cipher per value looked up
     * the provider and expanded the AES key each time. A reused one keeps the expanded key while
     * the key stays the same, and that key is already in the keyring, so nothing new is kept.
     */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesGcm::newCipher);

    private AesGcm() {
    }

    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Writes {@code nonce || ciphertext || tag} into {@code out} from {@code offset}, which must leave room for it. */
    static void seal(SecretKey key, byte[] plaintext, byte[] associatedData, byte[] out, int offset) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, offset, NONCE_BYTES);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, out, offset + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    static int sealedLength(int plaintextLength) {
        return NONCE_BYTES + plaintextLength + TAG_BYTES;
    }

    /** Opens {@code nonce || ciphertext || tag} at {@code offset} to the end of {@code sealed}. */
    static byte[] open(SecretKey key, byte[] sealed, int offset, byte[] associatedData, String valueName) {
        if (sealed.length - offset < NONCE_BYTES + TAG_BYTES) {
            throw new CryptoException(valueName + " is truncated: " + sealed.length + " bytes");
        }
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, offset, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, offset + NONCE_BYTES, sealed.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new CryptoException(valueName + " failed authentication: it was changed, or it was encrypted under "
                    + "another key with the same id", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM decryption of " + valueName + " failed: " + e.getMessage(), e);
        }
    }
}
