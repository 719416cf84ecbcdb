package io.channelmind.web.crypto;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps a service's data keys in its {@code data_key} table, wrapped, and loads them into the
 * {@link EnvelopeCipher}. Each load re-wraps the keys that an earlier key-encryption key wrapped
 * and creates a data key when there is none or the newest is older than the rotation period.
 * The service's schema must contain:
 *
 * <pre>
 * create table data_key (
 *     id          integer primary key,
 *     kek_id      text        not null,
 *     wrapped     bytea       not null,
 *     created_at  timestamptz not null,
 *     active_from timestamptz not null
 * );
 * </pre>
 */
@Singleton
public class DataKeyStore {

    private static final Logger LOG = Logger.getLogger(DataKeyStore.class);

    private final Pool pool;
    private final KeyEncryptionKey kek;
    private final EnvelopeCipher cipher;
    private final CryptoConfig config;

    public DataKeyStore(Pool pool, KeyEncryptionKey kek, EnvelopeCipher cipher, CryptoConfig config) {
        this.pool = pool;
        this.kek = kek;
        this.cipher = cipher;
        this.config = config;
    }

    /**
     * Loads the keys into the cipher, after re-wrapping old ones and creating a due one.
     *
     * @throws CryptoException (as the failure) when a key was wrapped under a key-encryption key
     *         this instance does not have, or does not unwrap under it
     */
    public Uni<DataKeyring> load() {
        return pool.withTransaction(client -> lock(client)
                .chain(() -> select(client))
                .chain(keys -> rewrapOld(client, keys))
                .chain(keys -> rotationDue(keys)
                        ? insertNext(client, keys, activeFrom(keys))
                        : Uni.createFrom().item(keys)))
                .map(this::install);
    }

    /** Creates a data key for new writes now, whatever the age of the newest, and loads the keys. */
    public Uni<DataKeyring> rotateDataKey() {
        return pool.withTransaction(client -> lock(client)
                .chain(() -> select(client))
                .chain(keys -> insertNext(client, keys, activeFrom(keys))))
                .map(this::install);
    }

    /** Returns the id of the data key that encrypts new values, or 0 before the first load. */
    public int activeKeyId() {
        return cipher.keyring().activeId();
    }

    private DataKeyring install(List<WrappedDataKey> keys) {
        DataKeyring keyring = DataKeyring.unwrap(keys, kek, Instant.now());
        if (keyring.activeId() != cipher.keyring().activeId()) {
            LOG.infof("Data key %d now encrypts new values (%d data keys loaded, key-encryption key %s)",
                    keyring.activeId(), keys.size(), kek.currentKeyId());
        }
        cipher.use(keyring);
        return keyring;
    }

    // Serialises the loads of all instances, so two of them never create the same key id.
    private static Uni<Void> lock(SqlClient client) {
        return client.query("lock table data_key in share row exclusive mode").execute().replaceWithVoid();
    }

    private static Uni<List<WrappedDataKey>> select(SqlClient client) {
        return client.query("select id, kek_id, wrapped, created_at, active_from from data_key order by id").execute()
                .map(rows -> {
                    List<WrappedDataKey> keys = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        keys.add(new WrappedDataKey(row.getInteger("id"), row.getString("kek_id"),
                                row.getBuffer("wrapped").getBytes(), row.getOffsetDateTime("created_at").toInstant(),
                                row.getOffsetDateTime("active_from").toInstant()));
                    }
                    return keys;
                });
    }

    private Uni<List<WrappedDataKey>> rewrapOld(SqlClient client, List<WrappedDataKey> keys) {
        List<WrappedDataKey> result = new ArrayList<>(keys.size());
        List<WrappedDataKey> rewrapped = new ArrayList<>();
        for (WrappedDataKey key : keys) {
            if (key.kekId().equals(kek.currentKeyId())) {
                result.add(key);
            } else {
                WrappedDataKey fresh = key.rewrap(kek);
                result.add(fresh);
                rewrapped.add(fresh);
            }
        }
        if (rewrapped.isEmpty()) {
            return Uni.createFrom().item(result);
        }
        List<Tuple> updates = rewrapped.stream()
                .map(key -> Tuple.of(key.kekId(), Buffer.buffer(key.wrapped()), key.id()))
                .toList();
        return client.preparedQuery("update data_key set kek_id = $1, wrapped = $2 where id = $3").executeBatch(updates)
                .invoke(() -> LOG.infof("Re-wrapped %d data keys under key-encryption key %s", rewrapped.size(),
                        kek.currentKeyId()))
                .replaceWith(result);
    }

    private boolean rotationDue(List<WrappedDataKey> keys) {
        return keys.isEmpty() || newest(keys).createdAt().plus(config.dataKeyRotationPeriod()).isBefore(Instant.now());
    }

    // The first key is active at once because nothing can be encrypted before it exists.
    private Instant activeFrom(List<WrappedDataKey> keys) {
        Duration delay = keys.isEmpty() ? Duration.ZERO : config.dataKeyActivationDelay();
        return Instant.now().plus(delay);
    }

    private Uni<List<WrappedDataKey>> insertNext(SqlClient client, List<WrappedDataKey> keys, Instant activeFrom) {
        int id = keys.isEmpty() ? 1 : newest(keys).id() + 1;
        WrappedDataKey key = WrappedDataKey.generate(id, kek, Instant.now(), activeFrom);
        Tuple row = Tuple.of(key.id(), key.kekId(), Buffer.buffer(key.wrapped()),
                key.createdAt().atOffset(ZoneOffset.UTC), key.activeFrom().atOffset(ZoneOffset.UTC));
        return client.preparedQuery("insert into data_key (id, kek_id, wrapped, created_at, active_from) "
                        + "values ($1, $2, $3, $4, $5)").execute(row)
                .invoke(() -> LOG.infof("Created data key %d, active from %s", id, activeFrom))
                .map(ignored -> {
                    List<WrappedDataKey> all = new ArrayList<>(keys);
                    all.add(key);
                    return all;
                });
    }

    private static WrappedDataKey newest(List<WrappedDataKey> keys) {
        return keys.stream().max(Comparator.comparingInt(WrappedDataKey::id)).orElseThrow();
    }
}
