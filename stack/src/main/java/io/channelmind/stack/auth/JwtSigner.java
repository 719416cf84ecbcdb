package io.channelmind.stack.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs RS256 JSON Web Tokens (RFC 7519) with a local RSA key, in the form that the services'
 * OIDC bearer-token check accepts: issuer {@link #LOCAL_ISSUER} unless given, audience
 * {@link #DEFAULT_AUDIENCE} unless given, roles in the {@code groups} claim. The local stack, the demo and the tests mint their tokens with it, so
 * no identity provider has to run on this machine.
 */
public final class JwtSigner {

    /** The issuer that the services expect by default ({@code quarkus.oidc.token.issuer}). */
    public static final String LOCAL_ISSUER = "channelmind-local";
    /** The audience that the services expect by default ({@code quarkus.oidc.token.audience}). */
    public static final String DEFAULT_AUDIENCE = "channelmind";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final String issuer;
    private final String audience;

    /** Creates a signer whose tokens carry the {@code aud} claim {@link #DEFAULT_AUDIENCE}. */
    public JwtSigner(PrivateKey privateKey, String issuer) {
        this(privateKey, issuer, DEFAULT_AUDIENCE);
    }

    public JwtSigner(PrivateKey privateKey, String issuer, String audience) {
        this.privateKey = privateKey;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Generates a 2048-bit RSA key pair. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available in this JDK", e);
        }
    }

    /**
     * Mints a token for {@code subject} with the roles in {@code groups}, valid from now for
     * {@code lifetime}.
     */
    public String sign(String subject, List<String> groups, Duration lifetime) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", groups);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());

        String header = encode(Map.of("alg", "RS256", "typ", "JWT"));
        String signingInput = header + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the token with the local RSA key", e);
        }
    }

    /** Returns the key in PEM form ({@code BEGIN PUBLIC KEY}, X.509 SubjectPublicKeyInfo). */
    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** Returns the key in PEM form ({@code BEGIN PRIVATE KEY}, PKCS #8). */
    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /**
     * Returns the base64 body of an X.509 public key without PEM armour or line breaks, the
     * form that {@code quarkus.oidc.public-key} takes.
     */
    public static String publicKeyBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(unarmour(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid RSA private key: expected PEM 'BEGIN PRIVATE KEY' (PKCS #8)", e);
        }
    }

    public static PublicKey readPublicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(unarmour(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid RSA public key: expected PEM 'BEGIN PUBLIC KEY' (X.509)", e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the token claims as JSON", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unarmour(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
