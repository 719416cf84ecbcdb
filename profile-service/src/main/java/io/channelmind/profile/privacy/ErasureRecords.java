package io.channelmind.profile.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores and looks up erasure records: the HMAC-SHA256 of each erased identity value (a profile
 * key, or the SHA-256 hash of an e-mail address or phone number) with the time of its erasure.
 * The HMAC key is {@code channelmind.profile.erasure-hash-key} when it is set, else a random key
 * that the database keeps in {@code erasure_hash_key}. A key held outside the database is
 * stronger, because someone with a copy of the database alone cannot then test guessed
 * addresses against the records. The Helm chart reads the key from a Secret. Changing it makes
 * the existing records unmatched, so set it before the first erasure.
 * NOTE: nothing detects a changed key, because neither the key nor its fingerprint is stored.
 */
@ApplicationScoped
@Startup
public class ErasureRecords {

    private static final Logger LOG = Logger.getLogger(ErasureRecords.class);
    /** Shortest accepted configured key, in characters: 32 random bytes in base64 are 44. */
    static final int MIN_KEY_LENGTH = 32;

    private static final String HMAC = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private static final String RECORD = """
            insert into erased_identity (identity_hash, erased_at) select hash, $2 from unnest($1::text[]) as h(hash)
            on conflict (identity_hash) do update set erased_at = greatest(erased_identity.erased_at, excluded.erased_at)""";

    private final Pool pool;
    /** The HMAC key once known; a failed read of the database's key is tried again on the next call. */
    private final AtomicReference<byte[]> knownKey = new AtomicReference<>();

    public ErasureRecords(Pool pool,
            @ConfigProperty(name = "channelmind.profile.erasure-hash-key") Optional<String> configuredKey) {
        this.pool = pool;
        Optional<String> key = configuredKey.filter(value -> !value.isBlank());
        if (key.isEmpty()) {
            LOG.warn("channelmind.profile.erasure-hash-key is not set; erasure records use the random key stored "
                    + "in the database table erasure_hash_key. Set CHANNELMIND_PROFILE_ERASURE_HASH_KEY from a "
                    + "Secret before the first erasure to keep the key out of the database");
            return;
        }
        if (key.get().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("channelmind.profile.erasure-hash-key is too short: "
                    + key.get().length() + " characters, at least " + MIN_KEY_LENGTH
                    + " needed; generate one with 'openssl rand -base64 32'");
        }
        knownKey.set(key.get().getBytes(StandardCharsets.UTF_8));
    }

    private Uni<byte[]> key() {
        byte[] known = knownKey.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return databaseKey().invoke(knownKey::set);
    }

    /** Records the erasure of the identity values at {@code erasedAt}, keeping the later time for a value erased twice. */
    public Uni<Void> record(SqlClient client, Collection<String> values, Instant erasedAt) {
        if (values.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return hashes(values).chain(hashes -> {
            String[] keys = hashes.keySet().toArray(String[]::new);
            return client.preparedQuery(RECORD).execute(Tuple.of(keys, erasedAt.atOffset(ZoneOffset.UTC)))
                    .replaceWithVoid();
        });
    }

    /** Returns the erasure time of each value among {@code values} that was erased. */
    public Uni<Map<String, Instant>> erasedAt(SqlClient client, Collection<String> values) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return hashes(values).chain(hashes -> client
                .preparedQuery("select identity_hash, erased_at from erased_identity where identity_hash = any($1)")
                .execute(Tuple.of((Object) hashes.keySet().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Instant> erased = new HashMap<>();
                    for (Row row : rows) {
                        erased.put(hashes.get(row.getString(0)), row.getOffsetDateTime(1).toInstant());
                    }
                    return erased;
                }));
    }

    /** Returns the keyed hash of each value, mapped to the value. */
    private Uni<Map<String, String>> hashes(Collection<String> values) {
        return key().map(secret -> {
            Map<String, String> hashes = new LinkedHashMap<>();
            values.forEach(value -> hashes.put(hash(secret, value), value));
            return hashes;
        });
    }

    static String hash(byte[] secret, String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime provides HmacSHA256 with any key length", e);
        }
    }

    /** Reads the database's key, creating it first when no instance has yet. */
    private Uni<byte[]> databaseKey() {
        byte[] candidate = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(candidate);
        return pool.preparedQuery("insert into erasure_hash_key (id, key) values (1, $1) on conflict (id) do nothing")
                .execute(Tuple.of(Buffer.buffer(candidate)))
                .chain(() -> pool.query("select key from erasure_hash_key where id = 1").execute())
                .map(rows -> rows.iterator().next().getBuffer(0).getBytes());
    }
}
