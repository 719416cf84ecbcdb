package io.channelmind.profile.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConsentTokensTest {

    /** A placeholder of the accepted length, not a real key. */
    private static final String KEY = "test-only-".repeat(4);
    private static final ConsentTokens.Claim CLAIM = new ConsentTokens.Claim("shop:42", "email", "marketing",
            Instant.parse("2024-05-01T10:00:00Z"));

    @Test
    void configuredKeyVerifiesAcrossInstances() {
        ConsentTokens signer = new ConsentTokens(Optional.of(KEY));
        ConsentTokens otherReplica = new ConsentTokens(Optional.of(KEY));

        String token = signer.sign(CLAIM);

        assertEquals(Optional.of(CLAIM), otherReplica.verify(token));
    }

    @Test
    void randomKeyVerifiesOnlyItsOwnTokens() {
        ConsentTokens first = new ConsentTokens(Optional.empty());
        ConsentTokens restarted = new ConsentTokens(Optional.of(" "));

        String token = first.sign(CLAIM);

        assertEquals(Optional.of(CLAIM), first.verify(token));
        assertEquals(Optional.empty(), restarted.verify(token));
    }

    @Test
    void otherKeyRejectsToken() {
        String token = new ConsentTokens(Optional.of(KEY)).sign(CLAIM);

        assertEquals(Optional.empty(), new ConsentTokens(Optional.of("other-key-".repeat(4))).verify(token));
    }

    @Test
    void shortKeyIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ConsentTokens(Optional.of("short-key")));

        assertTrue(error.getMessage().contains("channelmind.consent.token-secret is too short: 9 characters"),
                error.getMessage());
        assertTrue(error.getMessage().contains("openssl rand -base64 32"), error.getMessage());
    }
}
