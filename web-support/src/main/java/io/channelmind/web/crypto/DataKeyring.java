package io.channelmind.web.crypto;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The unwrapped data keys of a service, by id, and the id of the one that encrypts new values. */
public final class DataKeyring {

    /** A keyring without keys: it can neither encrypt nor decrypt. */
    public static final DataKeyring EMPTY = new DataKeyring(Map.of(), 0);

    private final Map<Integer, SecretKey> keys;
    private final int activeId;

    private DataKeyring(Map<Integer, SecretKey> keys, int activeId) {
        this.keys = keys;
        this.activeId = activeId;
    }

    /**
     * Unwraps the stored keys. The active key is the one with the highest id whose
     * {@code activeFrom} has passed, or the lowest id when none has.
     *
     * @throws CryptoException when a key cannot be unwrapped, such as under a wrong key-encryption key
     */
    public static DataKeyring unwrap(List<WrappedDataKey> stored, KeyEncryptionKey kek, Instant now) {
        Map<Integer, SecretKey> keys = new HashMap<>();
        int active = 0;
        int lowest = Integer.MAX_VALUE;
        for (WrappedDataKey key : stored) {
            keys.put(key.id(), new SecretKeySpec(kek.unwrap(key.kekId(), key.id(), key.wrapped()), "AES"));
            lowest = Math.min(lowest, key.id());
            if (!key.activeFrom().isAfter(now) && key.id() > active) {
                active = key.id();
            }
        }
        if (active == 0 && !keys.isEmpty()) {
            active = lowest;
        }
        return new DataKeyring(Map.copyOf(keys), active);
    }

    /** Returns the id of the key that encrypts new values, or 0 when the keyring is empty. */
    public int activeId() {
        return activeId;
    }

    SecretKey active() {
        if (keys.isEmpty()) {
            throw new CryptoException("No data key is loaded yet, so nothing can be encrypted; "
                    + "the service loads its keys at startup");
        }
        return keys.get(activeId);
    }

    SecretKey key(int id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new CryptoException("Data key " + id + " is not loaded: it was created after this instance last "
                    + "loaded its keys, or it was deleted although values still use it");
        }
        return key;
    }
}
