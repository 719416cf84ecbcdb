package io.channelmind.security.tokencache;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

import io.channelmind.security.testing.TestTokens;
import io.channelmind.stack.auth.JwtSigner;

/** Signs hand-written claims with the test key, for tokens that TestTokens cannot make (nbf, another issuer). */
final class SignedClaims {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private SignedClaims() {
    }

    /** Returns an RS256 token of {@code claimsJson}, signed with the key the service under test trusts. */
    static String sign(String claimsJson) {
        TestTokens.publicKey(); // makes the test key pair
        String signingInput = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(JwtSigner.readPrivateKey(System.getProperty("channelmind.test.auth.private-key")));
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns admin claims with the given issuer, audience, not-before and expiry (epoch seconds). */
    static String adminClaims(String issuer, String audience, long notBefore, long expiry) {
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"mallory\",\"upn\":\"mallory\","
                + "\"groups\":[\"admin\"],\"iat\":" + (notBefore - 1) + ",\"nbf\":" + notBefore + ",\"exp\":" + expiry
                + "}";
    }
}
