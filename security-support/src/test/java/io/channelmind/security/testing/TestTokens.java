package io.channelmind.security.testing;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import io.channelmind.security.Roles;
import io.channelmind.stack.auth.JwtSigner;

/**
 * Bearer tokens for tests, signed with an RSA key pair that is generated once per test JVM, so
 * no private key is ever committed. {@link TestAuthConfigSource} hands the public key to the
 * service under test.
 */
public final class TestTokens {

    /*
     * Quarkus loads test classes in more than one class loader, each with its own statics, so
     * the key pair is kept in system properties: every loader then signs and verifies with the
     * same pair.
     */
    private static final String PRIVATE_KEY_PROPERTY = "channelmind.test.auth.private-key";
    private static final String PUBLIC_KEY_PROPERTY = "channelmind.test.auth.public-key";
    private static final Duration LIFETIME = Duration.ofHours(6);
    private static final JwtSigner SIGNER;

    static {
        synchronized (System.class) {
            if (System.getProperty(PRIVATE_KEY_PROPERTY) == null) {
                KeyPair keys = JwtSigner.generateKeyPair();
                System.setProperty(PUBLIC_KEY_PROPERTY, JwtSigner.publicKeyBase64(keys.getPublic()));
                System.setProperty(PRIVATE_KEY_PROPERTY, JwtSigner.privateKeyPem(keys.getPrivate()));
            }
        }
        SIGNER = new JwtSigner(JwtSigner.readPrivateKey(System.getProperty(PRIVATE_KEY_PROPERTY)), JwtSigner.LOCAL_ISSUER);
    }

    private TestTokens() {
    }

    /** Returns a token of a user named after the role that carries only {@code role}. */
    public static String forRole(String role) {
        return SIGNER.sign("test-" + role, List.of(role), LIFETIME);
    }

    /** Returns a token with any subject and roles, valid for {@code lifetime} (negative for an expired one). */
    public static String token(String subject, List<String> roles, Duration lifetime) {
        return SIGNER.sign(subject, roles, lifetime);
    }

    /** Returns an admin token signed with the test key but made for another audience than the services'. */
    public static String forOtherAudience(String audience) {
        return new JwtSigner(JwtSigner.readPrivateKey(System.getProperty(PRIVATE_KEY_PROPERTY)), JwtSigner.LOCAL_ISSUER,
                audience).sign("test-other-audience", List.of(Roles.ADMIN), LIFETIME);
    }

    /** Returns the verification key in the form of {@code quarkus.oidc.public-key}. */
    public static String publicKey() {
        return System.getProperty(PUBLIC_KEY_PROPERTY);
    }
}
