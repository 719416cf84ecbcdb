package io.channelmind.web.crypto;

/**
 * The key-encryption key (KEK) that wraps the data keys. The default implementation reads it
 * from configuration, which the Helm chart fills from a Kubernetes Secret.
 *
 * NOTE: a cloud KMS can replace the Secret through a bean that implements this interface. Wrapping
 * then becomes a call to the KMS, so the key-encryption key never leaves it.
 */
public interface KeyEncryptionKey {

    /** Returns the id of the key that {@link #wrap} uses, stored next to every wrapped data key. */
    String currentKeyId();

    /** Returns whether {@link #unwrap} can open data keys wrapped under the key {@code keyId}. */
    boolean hasKey(String keyId);

    /** Encrypts a data key under the current key; {@code dataKeyId} is bound to the result. */
    byte[] wrap(int dataKeyId, byte[] dataKey);

    /**
     * Decrypts a data key that {@link #wrap} produced under the key {@code keyId}.
     *
     * @throws CryptoException when the key is unknown, or the wrapped bytes or the id were
     *         changed, or they were wrapped under another key with the same id
     */
    byte[] unwrap(String keyId, int dataKeyId, byte[] wrapped);
}
