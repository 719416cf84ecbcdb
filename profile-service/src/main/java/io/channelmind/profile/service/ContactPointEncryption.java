package io.channelmind.profile.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.channelmind.profile.repository.ContactPointRepository;
import io.channelmind.web.crypto.CryptoConfig;
import io.channelmind.web.crypto.DataKeyStore;
import io.channelmind.web.crypto.DataKeyring;
import io.channelmind.web.crypto.KeyMaintenance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Loads the data keys that encrypt profiles' contact points and names before the Kafka consumers
 * start, and keeps the profiles on the active key ({@link KeyMaintenance}).
 */
@ApplicationScoped
public class ContactPointEncryption {

    // Before SmallRye Reactive Messaging starts the consumers, which observe at 1000
    // (jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE), because they write profiles.
    private static final int BEFORE_MESSAGING = 100;

    private final KeyMaintenance maintenance;

    public ContactPointEncryption(DataKeyStore keys, ContactPointRepository repository, Pool pool, Vertx vertx,
            CryptoConfig config) {
        this.maintenance = new KeyMaintenance(keys, vertx, config, "the contact points of profiles",
                (after, limit) -> Transactions.withRetry("Re-encrypting contact points",
                        () -> pool.withTransaction(client -> repository.reencryptPage(client, after, limit))));
    }

    void onStart(@Observes @Priority(BEFORE_MESSAGING) StartupEvent event) {
        maintenance.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        maintenance.stop();
    }

    /** Creates a data key for new writes and loads it; the re-encryption job follows once it is active. */
    public Uni<DataKeyring> rotateDataKey() {
        return maintenance.rotateDataKey();
    }

    /** Re-encrypts every profile in plaintext or under an older key; returns the rows converted. */
    public Uni<Long> reencrypt() {
        return maintenance.reencrypt();
    }
}
