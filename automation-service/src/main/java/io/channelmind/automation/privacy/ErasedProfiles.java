package io.channelmind.automation.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.channelmind.web.privacy.PrivacyRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code erased_profile} table: the profile keys that a privacy request erased, as digests,
 * with the time of the erasure. The consent and journey consumers check it to drop a person's
 * events that occurred before the erasure.
 */
public final class ErasedProfiles {

    private ErasedProfiles() {
    }

    /**
     * Records the digests of the request's profile keys in {@code erased_profile} with the time of
     * the erasure.
     */
    public static Uni<Void> markErased(SqlClient client, PrivacyRequest request) {
        String[] digests = request.profileKeys().stream().map(ErasedProfiles::digest).toArray(String[]::new);
        return client.preparedQuery("""
                insert into erased_profile (key_digest, erased_at) select unnest($1::text[]), now()
                on conflict (key_digest) do update set erased_at = excluded.erased_at""")
                .execute(Tuple.of((Object) digests))
                .replaceWithVoid();
    }

    /**
     * Returns the hex SHA-256 of a profile key, the form in which {@code erased_profile} keeps it.
     * NOTE: an unkeyed digest of a guessable profile key can be reversed by trying candidates. It
     * keeps the key out of the erasure's scans and exports, but does not make it secret.
     */
    public static String digest(String profileKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(profileKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
