package io.channelmind.web.crypto;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Keeps a service's data keys current and its encrypted rows on the active key. {@link #start}
 * loads the keys, and a timer reloads them every refresh interval, which creates a new key when
 * the rotation period has passed. After the active key changes, a background job re-encrypts the
 * rows stored in plaintext or under an older key, a page per transaction, until a run finds
 * nothing to convert. Writes do not depend on the job, because every write encrypts with the
 * active key; a write waits only while a page transaction of the job locks its row.
 */
public final class KeyMaintenance {

    /** Converts up to {@code limit} rows after the key {@code after}, in key order, in one transaction. */
    @FunctionalInterface
    public interface PageConverter {
        Uni<Page> convert(String after, int limit);
    }

    /** The last key of a converted page and the number of rows converted. */
    public record Page(String lastKey, int rows) {
    }

    private static final Logger LOG = Logger.getLogger(KeyMaintenance.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final DataKeyStore keys;
    private final Vertx vertx;
    private final CryptoConfig config;
    private final String rows;
    private final PageConverter converter;
    private final AtomicBoolean reencrypting = new AtomicBoolean();
    private volatile int reencryptedFor;
    private long timerId = -1;

    /** {@code rows} names the converted rows in log lines, such as "the contact points of profiles". */
    public KeyMaintenance(DataKeyStore keys, Vertx vertx, CryptoConfig config, String rows, PageConverter converter) {
        this.keys = keys;
        this.vertx = vertx;
        this.config = config;
        this.rows = rows;
        this.converter = converter;
    }

    /**
     * Loads the keys, waiting up to a minute, then starts the timer and the job.
     *
     * @throws CryptoException when a data key cannot be unwrapped, so the service does not start
     */
    public void start() {
        keys.load().await().atMost(STARTUP_TIMEOUT);
        timerId = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> refresh().subscribe().with(ignored -> {
        }));
        startReencryption();
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Reloads the data keys, creating a new one when due, and starts the job when the active key changed. */
    public Uni<DataKeyring> refresh() {
        return keys.load()
                .invoke(keyring -> startReencryption())
                .onFailure().invoke(failure -> LOG.warnf(failure,
                        "Reloading the data keys failed, so the keys loaded before stay in use"))
                .onFailure().recoverWithNull();
    }

    /** Creates a data key for new writes, loads the keys and returns them; the job starts once the key is active. */
    public Uni<DataKeyring> rotateDataKey() {
        return keys.rotateDataKey().invoke(keyring -> startReencryption());
    }

    /** Re-encrypts every row in plaintext or under a key other than the active one; returns the rows converted. */
    public Uni<Long> reencrypt() {
        return reencryptFrom("", 0L);
    }

    private Uni<Long> reencryptFrom(String after, long converted) {
        int pageSize = config.reencryptionPageSize();
        return converter.convert(after, pageSize).chain(page -> page.rows() < pageSize
                ? Uni.createFrom().item(converted + page.rows())
                : reencryptFrom(page.lastKey(), converted + page.rows()));
    }

    private void startReencryption() {
        int activeId = keys.activeKeyId();
        if (activeId == reencryptedFor || !reencrypting.compareAndSet(false, true)) {
            return;
        }
        reencrypt().subscribe().with(converted -> {
            reencrypting.set(false);
            // A run that found rows runs again at the next reload, for the rows that instances
            // which had not loaded the new key yet wrote meanwhile.
            if (converted == 0) {
                reencryptedFor = activeId;
            } else {
                LOG.infof("Re-encrypted %s: %d rows, with data key %d", rows, converted, activeId);
            }
        }, failure -> {
            reencrypting.set(false);
            LOG.warnf(failure, "Re-encrypting %s with data key %d failed; the next key reload retries", rows,
                    activeId);
        });
    }
}
