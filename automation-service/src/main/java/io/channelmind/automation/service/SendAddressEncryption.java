package io.channelmind.automation.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.channelmind.automation.journey.PersonalTraitStore;
import io.channelmind.automation.repository.SendAddressRepository;
import io.channelmind.web.crypto.CryptoConfig;
import io.channelmind.web.crypto.DataKeyStore;
import io.channelmind.web.crypto.DataKeyring;
import io.channelmind.web.crypto.KeyMaintenance;
import io.channelmind.web.crypto.KeyMaintenance.Page;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Loads the data keys that encrypt the addresses of pending sends and the personal traits of
 * journey profiles before the drainers and the Kafka consumers start, and keeps both tables on the
 * active key ({@link KeyMaintenance}): the job converts the sends first, then the journey profiles.
 */
@ApplicationScoped
public class SendAddressEncryption {

    // Before SmallRye Reactive Messaging (1000, jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE)
    // and the drainers (the default priority), because both write sends.
    private static final int BEFORE_SENDS = 100;

    /** The prefix of the job's position once it has passed every send and reached the journey profiles. */
    private static final String PROFILES = "journey_profile:";

    private final KeyMaintenance maintenance;

    public SendAddressEncryption(DataKeyStore keys, SendAddressRepository repository, PersonalTraitStore profiles,
            Vertx vertx, CryptoConfig config) {
        this.maintenance = new KeyMaintenance(keys, vertx, config,
                "the addresses of sends and the personal traits of journey profiles",
                (after, limit) -> reencryptPage(repository, profiles, after, limit));
    }

    /**
     * Converts a page of sends, and once a page of sends is not full, the first page of journey
     * profiles in the same call. Positions among the journey profiles carry {@link #PROFILES}.
     */
    private static Uni<Page> reencryptPage(SendAddressRepository sends, PersonalTraitStore profiles, String after,
            int limit) {
        if (after.startsWith(PROFILES)) {
            return profiles.reencryptPage(after.substring(PROFILES.length()), limit)
                    .map(page -> new Page(PROFILES + page.lastKey(), page.rows()));
        }
        return sends.reencryptPage(after, limit).chain(page -> page.rows() == limit
                ? Uni.createFrom().item(page)
                : profiles.reencryptPage("", limit)
                        .map(profilePage -> new Page(PROFILES + profilePage.lastKey(), page.rows() + profilePage.rows())));
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
