package io.channelmind.profile.consent;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * Signs and verifies double opt-in confirmation tokens: the profile key, channel, purpose and
 * request time, base64url-encoded and signed with HMAC-SHA256. The key is
 * {@code channelmind.consent.token-secret}, which the Helm chart reads from a Secret, so a token
 * signed by one replica verifies on every other and after a restart. Without it (dev and tests),
 * each instance makes a random key at start-up and logs a warning.
 */
@ApplicationScoped
@Startup
public class ConsentTokens {

    /** Shortest accepted key, in characters: 32 random bytes in base64 are 44. */
    static final int MIN_KEY_LENGTH = 32;

    private static final Logger LOG = Logger.getLogger(ConsentTokens.class);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;

    public ConsentTokens(@ConfigProperty(name = "channelmind.consent.token-secret") Optional<String> secret) {
        if (secret.isPresent() && !secret.get().isBlank()) {
            if (secret.get().length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("channelmind.consent.token-secret is too short: "
                        + secret.get().length() + " characters, at least " + MIN_KEY_LENGTH
                        + " needed; generate one with 'openssl rand -base64 32'");
            }
            this.secret = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            LOG.warn("channelmind.consent.token-secret is not set; using a random key, so confirmation tokens "
                    + "are valid only on this instance until it stops. Set it (CHANNELMIND_CONSENT_TOKEN_SECRET) "
                    + "to the same value on every replica");
            this.secret = new byte[32];
            new SecureRandom().nextBytes(this.secret);
        }
    }

    /** The consent a valid token confirms. */
    public record Claim(String profileKey, String channel, String purpose, Instant requestedAt) {
    }

    public String sign(Claim claim) {
        String payload = String.join("\n", claim.profileKey(), claim.channel(), claim.purpose(),
                Long.toString(claim.requestedAt().toEpochMilli()));
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(mac(encoded));
    }

    /** Returns the claim of a token whose signature is valid, or empty for any other string. */
    public Optional<Claim> verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(mac(encoded), DECODER.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new Claim(parts[0], parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime provides " + ALGORITHM, e);
        }
    }
}
