package io.channelmind.web.crypto;

import java.time.Instant;

/**
 * A data key as stored: its id, the id of the key-encryption key that wrapped it, the wrapped
 * bytes, and the time from which new values are encrypted with it. A key becomes active some
 * time after it is created, so that every instance has loaded it before any instance writes
 * with it.
 */
public record WrappedDataKey(int id, String kekId, byte[] wrapped, Instant createdAt, Instant activeFrom) {

    /** Returns this key wrapped under the current key-encryption key. */
    public WrappedDataKey rewrap(KeyEncryptionKey kek) {
        byte[] dataKey = kek.unwrap(kekId, id, wrapped);
        return new WrappedDataKey(id, kek.currentKeyId(), kek.wrap(id, dataKey), createdAt, activeFrom);
    }

    /** Generates a random AES-256 data key with the given id, wrapped under the current key-encryption key. */
    public static WrappedDataKey generate(int id, KeyEncryptionKey kek, Instant createdAt, Instant activeFrom) {
        return new WrappedDataKey(id, kek.currentKeyId(), kek.wrap(id, AesGcm.randomKey()), createdAt, activeFrom);
    }
}
