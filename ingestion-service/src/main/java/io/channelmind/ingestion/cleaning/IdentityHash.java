package io.channelmind.ingestion.cleaning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes of identity keys (e-mail addresses and phone numbers), so that services that only match
 * or count customers never need the raw contact point. The hash is SHA-256 in lower-case hex over
 * the UTF-8 bytes of the normalised value: the same form that ad platforms (Google Customer Match,
 * Meta custom audiences) expect for uploads, so audiences can be matched without sending the raw
 * value. It is unsalted on purpose, because equal customers must hash equally across imports and
 * services. An unsalted hash of a guessable value is pseudonymous, not anonymous.
 */
public final class IdentityHash {

    private IdentityHash() {
    }

    /** Returns the lower-case hex SHA-256 of an already normalised value. */
    public static String sha256(String normalisedValue) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
