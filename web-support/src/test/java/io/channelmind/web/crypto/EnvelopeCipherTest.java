package io.channelmind.web.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CONTEXT = "profile.email";

    private final String kekText = randomKey(32);
    private final KeyEncryptionKey kek = new SecretKeyEncryptionKey(kekText, List.of());

    @Test
    void roundTripRestoresValue() {
        EnvelopeCipher cipher = cipherWith(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));

        byte[] ciphertext = cipher.encrypt(CONTEXT, "ann@example.com");

        assertEquals("ann@example.com", cipher.decrypt(CONTEXT, ciphertext));
        assertEquals(EnvelopeCipher.VERSION, ciphertext[0]);
        assertEquals(1, EnvelopeCipher.dataKeyId(ciphertext));
        assertFalse(new String(ciphertext, StandardCharsets.ISO_8859_1).contains("ann@example.com"));
    }

    @Test
    void roundTripKeepsUnicodeAndNull() {
        EnvelopeCipher cipher = cipherWith(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));

        assertEquals("王小明", cipher.decrypt("profile.first_name", cipher.encrypt("profile.first_name", "王小明")));
        assertEquals("", cipher.decrypt(CONTEXT, cipher.encrypt(CONTEXT, "")));
        assertNull(cipher.encrypt(CONTEXT, null));
        assertNull(cipher.decrypt(CONTEXT, null));
    }

    @Test
    void sameValueEncryptsDifferently() {
        EnvelopeCipher cipher = cipherWith(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));

        byte[] first = cipher.encrypt(CONTEXT, "ann@example.com");
        byte[] second = cipher.encrypt(CONTEXT, "ann@example.com");

        assertFalse(Arrays.equals(first, second), "each value gets its own random nonce");
    }

    @Test
    void flippedBitFailsEverywhere() {
        EnvelopeCipher cipher = cipherWith(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));
        byte[] ciphertext = cipher.encrypt(CONTEXT, "ann@example.com");

        // Byte 0 is the version and bytes 1 to 4 the key id, which fail before authentication.
        for (int index = 5; index < ciphertext.length; index++) {
            byte[] tampered = ciphertext.clone();
            tampered[index] ^= 0x01;
            CryptoException failure = assertThrows(CryptoException.class, () -> cipher.decrypt(CONTEXT, tampered),
                    "bit flipped in byte " + index);
            assertTrue(failure.getMessage().contains("failed authentication"), failure.getMessage());
        }
    }

    @Test
    void reusedCipherSwitchesKeysAndRecoversAfterFailure() {
        // AesGcm keeps one Cipher per thread, so these calls all share it.
        List<WrappedDataKey> stored = new ArrayList<>(List.of(WrappedDataKey.generate(1, kek, NOW, NOW),
                WrappedDataKey.generate(2, kek, NOW, NOW.plusSeconds(60))));
        EnvelopeCipher first = cipherWith(stored);
        EnvelopeCipher second = new EnvelopeCipher();
        second.use(DataKeyring.unwrap(stored, kek, NOW.plusSeconds(60)));
        byte[] underFirst = first.encrypt(CONTEXT, "ann@example.com");
        byte[] underSecond = second.encrypt(CONTEXT, "bob@example.com");
        byte[] tampered = underFirst.clone();
        tampered[tampered.length - 1] ^= 0x01;

        for (int round = 0; round < 3; round++) {
            assertEquals("ann@example.com", second.decrypt(CONTEXT, underFirst));
            assertThrows(CryptoException.class, () -> first.decrypt(CONTEXT, tampered));
            assertEquals("bob@example.com", first.decrypt(CONTEXT, underSecond));
            assertEquals("ann@example.com", first.decrypt(CONTEXT, first.encrypt(CONTEXT, "ann@example.com")));
        }
        assertEquals(1, EnvelopeCipher.dataKeyId(underFirst));
        assertEquals(2, EnvelopeCipher.dataKeyId(underSecond));
    }

    @Test
    void changedHeaderFails() {
        EnvelopeCipher cipher = cipherWith(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));
        byte[] ciphertext = cipher.encrypt(CONTEXT, "ann@example.com");

        byte[] otherVersion = ciphertext.clone();
        otherVersion[0] = 2;
        byte[] otherKey = ciphertext.clone();
        otherKey[4] = 9;

        assertTrue(assertThrows(CryptoException.class, () -> cipher.decrypt(CONTEXT, otherVersion))
                .getMessage().contains("version 2 is unknown"));
        assertTrue(assertThrows(CryptoException.class, () -> cipher.decrypt(CONTEXT, otherKey))
                .getMessage().contains("Data key 9 is not loaded"));
    }

    @Test
    void otherContextFails() {
        EnvelopeCipher cipher = cipherWith(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));
        byte[] ciphertext = cipher.encrypt(CONTEXT, "ann@example.com");

        assertThrows(CryptoException.class, () -> cipher.decrypt("profile.phone", ciphertext));
    }

    @Test
    void wrongKekFailsClearly() {
        WrappedDataKey stored = WrappedDataKey.generate(1, kek, NOW, NOW);
        KeyEncryptionKey other = new SecretKeyEncryptionKey(randomKey(32), List.of());

        CryptoException failure = assertThrows(CryptoException.class,
                () -> DataKeyring.unwrap(List.of(stored), other, NOW));

        assertTrue(failure.getMessage().contains("Data key 1 is wrapped under key-encryption key " + kek.currentKeyId()),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(SecretKeyEncryptionKey.PREVIOUS_PROPERTY), failure.getMessage());
    }

    @Test
    void swappedWrappedKeyFails() {
        WrappedDataKey first = WrappedDataKey.generate(1, kek, NOW, NOW);
        WrappedDataKey second = WrappedDataKey.generate(2, kek, NOW, NOW);
        WrappedDataKey swapped = new WrappedDataKey(2, second.kekId(), first.wrapped(), NOW, NOW);

        CryptoException failure = assertThrows(CryptoException.class,
                () -> DataKeyring.unwrap(List.of(swapped), kek, NOW));

        assertTrue(failure.getMessage().contains("failed authentication"), failure.getMessage());
    }

    @Test
    void missingKekStopsStartup() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new SecretKeyEncryptionKey(null, List.of()));

        assertTrue(failure.getMessage().startsWith("channelmind.crypto.kek is not set"), failure.getMessage());
        assertTrue(failure.getMessage().contains("openssl rand -base64 32"), failure.getMessage());
    }

    @Test
    void shortKekStopsStartup() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new SecretKeyEncryptionKey(randomKey(16), List.of()));

        assertTrue(failure.getMessage().contains("has 128 bits, fewer than the 256 required"), failure.getMessage());
    }

    @Test
    void malformedKekStopsStartup() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new SecretKeyEncryptionKey("not base64!", List.of()));

        assertTrue(failure.getMessage().startsWith("channelmind.crypto.kek is not valid base64"), failure.getMessage());
    }

    @Test
    void shortPreviousKekStopsStartup() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new SecretKeyEncryptionKey(kekText, List.of(randomKey(8))));

        assertTrue(failure.getMessage().startsWith("channelmind.crypto.previous-keks has 64 bits"), failure.getMessage());
    }

    @Test
    void longKekIsAccepted() {
        KeyEncryptionKey longKey = new SecretKeyEncryptionKey(randomKey(64), List.of());
        EnvelopeCipher cipher = new EnvelopeCipher();
        cipher.use(DataKeyring.unwrap(List.of(WrappedDataKey.generate(1, longKey, NOW, NOW)), longKey, NOW));

        assertEquals("13800138000", cipher.decrypt(CONTEXT, cipher.encrypt(CONTEXT, "13800138000")));
    }

    @Test
    void kekIdIsStableAndHidesKey() {
        KeyEncryptionKey again = new SecretKeyEncryptionKey(kekText, List.of());

        assertEquals(kek.currentKeyId(), again.currentKeyId());
        assertEquals(16, kek.currentKeyId().length());
        assertFalse(kekText.contains(kek.currentKeyId()));
    }

    @Test
    void newDataKeyKeepsOldValuesReadable() {
        List<WrappedDataKey> stored = new ArrayList<>(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));
        EnvelopeCipher cipher = cipherWith(stored);
        byte[] old = cipher.encrypt(CONTEXT, "ann@example.com");

        stored.add(WrappedDataKey.generate(2, kek, NOW, NOW.plusSeconds(60)));
        cipher.use(DataKeyring.unwrap(stored, kek, NOW));
        assertEquals(1, cipher.keyring().activeId(), "a key is not used before its activeFrom");

        cipher.use(DataKeyring.unwrap(stored, kek, NOW.plusSeconds(60)));
        byte[] fresh = cipher.encrypt(CONTEXT, "ann@example.com");

        assertEquals(2, EnvelopeCipher.dataKeyId(fresh));
        assertEquals("ann@example.com", cipher.decrypt(CONTEXT, old));
        assertEquals("ann@example.com", cipher.decrypt(CONTEXT, fresh));
    }

    @Test
    void kekRotationRewrapsWithoutDataRewrite() {
        WrappedDataKey stored = WrappedDataKey.generate(1, kek, NOW, NOW);
        EnvelopeCipher cipher = cipherWith(List.of(stored));
        byte[] ciphertext = cipher.encrypt(CONTEXT, "ann@example.com");
        String nextText = randomKey(32);
        KeyEncryptionKey next = new SecretKeyEncryptionKey(nextText, List.of(kekText));

        WrappedDataKey rewrapped = stored.rewrap(next);
        EnvelopeCipher after = new EnvelopeCipher();
        after.use(DataKeyring.unwrap(List.of(rewrapped), new SecretKeyEncryptionKey(nextText, List.of()), NOW));

        assertEquals(next.currentKeyId(), rewrapped.kekId());
        assertNotEquals(kek.currentKeyId(), rewrapped.kekId());
        assertFalse(Arrays.equals(stored.wrapped(), rewrapped.wrapped()));
        assertEquals("ann@example.com", after.decrypt(CONTEXT, ciphertext));
    }

    @Test
    void emptyKeyringRejectsEncryption() {
        EnvelopeCipher cipher = new EnvelopeCipher();

        CryptoException failure = assertThrows(CryptoException.class, () -> cipher.encrypt(CONTEXT, "x"));

        assertTrue(failure.getMessage().startsWith("No data key is loaded yet"), failure.getMessage());
    }

    @Test
    void wrapUnwrapRoundTrip() {
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);

        byte[] wrapped = kek.wrap(7, dataKey);

        assertArrayEquals(dataKey, kek.unwrap(kek.currentKeyId(), 7, wrapped));
        assertThrows(CryptoException.class, () -> kek.unwrap(kek.currentKeyId(), 8, wrapped));
    }

    @Test
    void lowestKeyIdSkipsNulls() {
        List<WrappedDataKey> stored = new ArrayList<>(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));
        EnvelopeCipher cipher = cipherWith(stored);
        byte[] first = cipher.encrypt(CONTEXT, "a");
        stored.add(WrappedDataKey.generate(2, kek, NOW, NOW));
        cipher.use(DataKeyring.unwrap(stored, kek, NOW));
        byte[] second = cipher.encrypt(CONTEXT, "b");

        assertEquals(1, EnvelopeCipher.lowestDataKeyId(second, null, first));
        assertEquals(2, EnvelopeCipher.lowestDataKeyId(null, second));
        assertNull(EnvelopeCipher.lowestDataKeyId(null, null));
    }

    @Test
    void sealedValueRevealsOnlyOnRequest() {
        EnvelopeCipher cipher = cipherWith(List.of(WrappedDataKey.generate(1, kek, NOW, NOW)));
        SealedValue sealed = SealedValue.of(cipher, CONTEXT, cipher.encrypt(CONTEXT, "ann@example.com"));

        assertEquals("ann@example.com", sealed.reveal());
        assertFalse(sealed.toString().contains("ann"), sealed.toString());
        assertEquals("legacy@example.com", SealedValue.plaintext("legacy@example.com").reveal());
        assertFalse(SealedValue.plaintext("legacy@example.com").toString().contains("legacy"));
        assertNull(SealedValue.of(cipher, CONTEXT, null).reveal());
    }

    private EnvelopeCipher cipherWith(List<WrappedDataKey> stored) {
        EnvelopeCipher cipher = new EnvelopeCipher();
        cipher.use(DataKeyring.unwrap(stored, kek, NOW));
        return cipher;
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
