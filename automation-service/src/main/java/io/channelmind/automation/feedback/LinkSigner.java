package io.channelmind.automation.feedback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.channelmind.automation.config.AutomationConfig;

/**
 * Signs and verifies the links in sent e-mail with HMAC-SHA256 over the purpose, the message
 * token, the expiry and, for click links, the target URL. The key is
 * {@code automation.feedback.signing-key} (base64, at least 32 bytes).
 */
@Singleton
public class LinkSigner {

    private static final Logger LOG = Logger.getLogger(LinkSigner.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Clock clock;
    // One initialised Mac per thread, because every send signs four links. doFinal resets it for the next text.
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

    @Inject
    public LinkSigner(AutomationConfig config) {
        this(decodeKey(config.feedback().signingKey()), Clock.systemUTC());
    }

    LinkSigner(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.clock = clock;
    }

    /** Purpose of a link. It is part of the signed text, so a token of one purpose is invalid for another. */
    public enum Purpose {
        UNSUBSCRIBE,
        OPEN,
        CLICK
    }

    /** Result of checking a token. */
    public enum Verdict {
        VALID,
        INVALID,
        EXPIRED
    }

    /** A parsed unsubscribe token: the message token it names and whether it may be used. */
    public record Verified(String messageToken, Verdict verdict) {
    }

    /**
     * Returns the unsubscribe token {@code <messageToken>.<expiry epoch seconds>.<signature>}.
     * The message token is a UUID, so it never contains a dot.
     */
    public String unsubscribeToken(String messageToken, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        return messageToken + "." + expiry + "." + signature(Purpose.UNSUBSCRIBE, messageToken, expiry, "");
    }

    /** Checks the signature first and then the expiry, so a changed expiry reads as invalid. */
    public Verified verifyUnsubscribe(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            return new Verified(null, Verdict.INVALID);
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return new Verified(null, Verdict.INVALID);
        }
        if (!matches(parts[2], signature(Purpose.UNSUBSCRIBE, parts[0], expiry, ""))) {
            return new Verified(null, Verdict.INVALID);
        }
        if (clock.instant().getEpochSecond() >= expiry) {
            return new Verified(parts[0], Verdict.EXPIRED);
        }
        return new Verified(parts[0], Verdict.VALID);
    }

    /** Returns the signature of a link that does not expire, such as the open pixel or a click link. */
    public String sign(Purpose purpose, String messageToken, String target) {
        return signature(purpose, messageToken, 0, target == null ? "" : target);
    }

    public boolean verify(Purpose purpose, String messageToken, String target, String signature) {
        if (messageToken == null || signature == null) {
            return false;
        }
        return matches(signature, sign(purpose, messageToken, target));
    }

    private String signature(Purpose purpose, String messageToken, long expiry, String target) {
        String text = purpose.name() + "\n" + messageToken + "\n" + expiry + "\n" + target;
        return ENCODER.encodeToString(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac created = Mac.getInstance(ALGORITHM);
            created.init(key);
            return created;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime provides HmacSHA256", e);
        }
    }

    /** Compares in constant time, so the response time does not reveal how much of a signature matched. */
    private static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] decodeKey(Optional<String> configured) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            // NOTE: a random key makes the links of earlier sends invalid after a restart, and
            // replicas reject each other's links, so deployments must configure the key.
            LOG.warn("automation.feedback.signing-key is not set, so unsubscribe, open and click links are signed"
                    + " with a random key that lasts until this process stops. Set it to a base64 key of at least"
                    + " 32 random bytes, for example the output of: openssl rand -base64 32");
            byte[] random = new byte[MIN_KEY_BYTES];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(configured.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("automation.feedback.signing-key is not valid base64. Set it to a base64"
                    + " key of at least 32 random bytes, for example the output of: openssl rand -base64 32", e);
        }
        if (decoded.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("automation.feedback.signing-key decodes to " + decoded.length
                    + " bytes, but HMAC-SHA256 needs at least " + MIN_KEY_BYTES + ". Generate one with: openssl rand -base64 32");
        }
        return decoded;
    }
}
