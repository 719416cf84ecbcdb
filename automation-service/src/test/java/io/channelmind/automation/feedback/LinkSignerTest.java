package io.channelmind.automation.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.feedback.LinkSigner.Purpose;
import io.channelmind.automation.feedback.LinkSigner.Verdict;

class LinkSignerTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String MESSAGE = "5f0c1d2e-1111-3222-8333-444455556666";

    private final LinkSigner signer = new LinkSigner(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void unsubscribeTokenValidBeforeExpiry() {
        String token = signer.unsubscribeToken(MESSAGE, NOW.plusSeconds(60));

        LinkSigner.Verified verified = signer.verifyUnsubscribe(token);

        assertEquals(Verdict.VALID, verified.verdict());
        assertEquals(MESSAGE, verified.messageToken());
    }

    @Test
    void unsubscribeTokenExpired() {
        String token = signer.unsubscribeToken(MESSAGE, NOW);

        assertEquals(Verdict.EXPIRED, signer.verifyUnsubscribe(token).verdict());
    }

    @Test
    void unsubscribeTokenTamperedSignature() {
        String token = signer.unsubscribeToken(MESSAGE, NOW.plusSeconds(60));
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertEquals(Verdict.INVALID, signer.verifyUnsubscribe(tampered).verdict());
    }

    @Test
    void unsubscribeTokenExtendedExpiryInvalid() {
        String token = signer.unsubscribeToken(MESSAGE, NOW.minusSeconds(60));
        String[] parts = token.split("\\.");
        String extended = parts[0] + "." + NOW.plusSeconds(3600).getEpochSecond() + "." + parts[2];

        assertEquals(Verdict.INVALID, signer.verifyUnsubscribe(extended).verdict());
    }

    @Test
    void unsubscribeTokenOtherMessageInvalid() {
        String token = signer.unsubscribeToken(MESSAGE, NOW.plusSeconds(60));
        String other = token.replace(MESSAGE, "5f0c1d2e-1111-3222-8333-444455556667");

        assertEquals(Verdict.INVALID, signer.verifyUnsubscribe(other).verdict());
    }

    @Test
    void malformedTokensInvalid() {
        for (String token : new String[] {null, "", "abc", "a.b.c", ".1.x", "a.1.x.y"}) {
            assertEquals(Verdict.INVALID, signer.verifyUnsubscribe(token).verdict(), String.valueOf(token));
        }
    }

    @Test
    void tokenOfOtherKeyInvalid() {
        LinkSigner other = new LinkSigner("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(NOW, ZoneOffset.UTC));

        String token = other.unsubscribeToken(MESSAGE, NOW.plusSeconds(60));

        assertEquals(Verdict.INVALID, signer.verifyUnsubscribe(token).verdict());
    }

    @Test
    void clickSignatureCoversTarget() {
        String signature = signer.sign(Purpose.CLICK, MESSAGE, "https://bank.example/offer");

        assertTrue(signer.verify(Purpose.CLICK, MESSAGE, "https://bank.example/offer", signature));
        assertFalse(signer.verify(Purpose.CLICK, MESSAGE, "https://evil.example/offer", signature));
        assertFalse(signer.verify(Purpose.OPEN, MESSAGE, "https://bank.example/offer", signature));
        assertFalse(signer.verify(Purpose.CLICK, MESSAGE, "https://bank.example/offer", null));
    }

    @Test
    void shortKeyRejected() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LinkSigner.decodeKey(Optional.of(shortKey)));

        assertTrue(error.getMessage().contains("16 bytes"), error.getMessage());
    }

    @Test
    void invalidBase64KeyRejected() {
        assertThrows(IllegalArgumentException.class, () -> LinkSigner.decodeKey(Optional.of("not base64!")));
    }

    @Test
    void missingKeyGivesRandomKey() {
        assertEquals(32, LinkSigner.decodeKey(Optional.empty()).length);
    }
}
