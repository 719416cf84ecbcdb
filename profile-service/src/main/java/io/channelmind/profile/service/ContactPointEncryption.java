package io.channelmind.profile.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.channelmind.profile.repository.ContactPointRepository;
import io.channelmind.web.crypto.CryptoConfig;
import io.channelmind.web.crypto.DataKeyStore;
import io.channelmind.web.crypto.DataKeyring;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Loads the data keys that encrypt contact points and names before the Kafka consumers start.
 * It reloads them periodically, which creates a new key when the rotation period has passed.
 * After the active key changes, a background job re-encrypts the profiles stored in plaintext or
 * under an older key, a page per transaction, until a run finds nothing to convert. Writes never
 * wait for the job, because every write encrypts with the active key.
 */
@ApplicationScoped
public class ContactPointEncryption {

    private static final Logger LOG = Logger.getLogger(ContactPointEncryption.class);
    // Before SmallRye Reactive Messaging starts the consumers, which observe at 1000
    // (jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE), because they write profiles.
    private static final int BEFORE_MESSAGING = 100;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final DataKeyStore keys;
    private final ContactPointRepository repository;
    private final Pool pool;
    private final Vertx vertx;
    private final CryptoConfig config;
    private final AtomicBoolean reencrypting = new AtomicBoolean();
    private volatile int reencryptedFor;
    private long timerId = -1;

    public ContactPointEncryption(DataKeyStore keys, ContactPointRepository repository, Pool pool, Vertx vertx,
            CryptoConfig config) {
        this.keys = keys;
        this.repository = repository;
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void onStart(@Observes @Priority(BEFORE_MESSAGING) StartupEvent event) {
        keys.load().await().atMost(STARTUP_TIMEOUT);
        timerId = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> refresh());
        startReencryption();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Reloads the data keys, creating a new one when due, and starts the job when the active key changed. */
    public Uni<DataKeyring> refresh() {
        return keys.load()
                .invoke(keyring -> startReencryption())
                .onFailure().invoke(failure -> LOG.warnf(failure,
                        "Reloading the data keys failed; the keys loaded before stay in use"))
                .onFailure().recoverWithNull();
    }

    /** Creates a data key for new writes, loads it and returns the keyring; the job follows once it is active. */
    public Uni<DataKeyring> rotateDataKey() {
        return keys.rotateDataKey().invoke(keyring -> startReencryption());
    }

    /**
     * Re-encrypts every profile in plaintext or under a key other than the active one and
     * returns the number of rows converted.
     */
    public Uni<Long> reencrypt() {
        return reencryptFrom("", 0L);
    }

    private Uni<Long> reencryptFrom(String after, long converted) {
        int pageSize = config.reencryptionPageSize();
        return Transactions.withRetry("Re-encrypting contact points",
                        () -> pool.withTransaction(client -> repository.reencryptPage(client, after, pageSize)))
                .chain(page -> page.rows() < pageSize
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
                LOG.infof("Re-encrypted the contact points of %d profiles with data key %d", converted, activeId);
            }
        }, failure -> {
            reencrypting.set(false);
            LOG.warnf(failure, "Re-encrypting contact points with data key %d failed; the next key reload retries",
                    activeId);
        });
    }
}
