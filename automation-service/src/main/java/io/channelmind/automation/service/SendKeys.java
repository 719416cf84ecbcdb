package io.channelmind.automation.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** Derives the identifiers of one send from the campaign, the step and the recipient. */
public final class SendKeys {

    /** The only step of a campaign in this version; journeys with follow-up steps will add more. */
    static final String INITIAL_STEP = "initial";

    private SendKeys() {
    }

    /** Returns the step of one occurrence of a recurring campaign, {@code occurrence:<UTC ISO-8601 instant>}. */
    public static String occurrenceStep(Instant occurrence) {
        return "occurrence:" + occurrence;
    }

    /**
     * Returns the idempotency key {@code <campaignId>/<step>/<profileKey>}. The profile key
     * comes last, so a key stays unambiguous whatever characters the profile key contains.
     */
    static String idempotencyKey(UUID campaignId, String step, String profileKey) {
        return campaignId + "/" + step + "/" + profileKey;
    }

    /**
     * Returns a UUID derived from the idempotency key, used in the Message-ID and the
     * unsubscribe link, so neither exposes the profile key.
     */
    public static String token(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Returns the hex SHA-256 of the trimmed, lower-cased address. Two profiles that share an
     * address get the same hash.
     */
    public static String addressHash(String address) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
