package io.channelmind.automation.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.channelmind.automation.repository.SendAddressRepository;
import io.channelmind.web.crypto.CryptoConfig;
import io.channelmind.web.crypto.DataKeyStore;
import io.channelmind.web.crypto.DataKeyring;
import io.channelmind.web.crypto.KeyMaintenance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Loads the data keys that encrypt the addresses of pending sends before the drainers and the
 * Kafka consumers start, and keeps the sends on the active key ({@link KeyMaintenance}).
 */
@ApplicationScoped
public class SendAddressEncryption {

    // Before SmallRye Reactive Messaging (1000, jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE)
    // and the drainers (the default priority), because both write sends.
    private static final int BEFORE_SENDS = 100;

    private final KeyMaintenance maintenance;

    public SendAddressEncryption(DataKeyStore keys, SendAddressRepository repository, Vertx vertx,
            CryptoConfig config) {
        this.maintenance = new KeyMaintenance(keys, vertx, config, "the addresses of sends",
                repository::reencryptPage);
    }

    void onStart(@Observes @Priority(BEFORE_SENDS) StartupEvent event) {
        maintenance.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        maintenance.stop();
    }

    /** Creates a data key for new writes and loads it; the re-encryption job follows once it is active. */
    public Uni<DataKeyring> rotateDataKey() {
        return maintenance.rotateDataKey();
    }

    /** Re-encrypts every send address in plaintext or under an older key; returns the rows converted. */
    public Uni<Long> reencrypt() {
        return maintenance.reencrypt();
    }
}
