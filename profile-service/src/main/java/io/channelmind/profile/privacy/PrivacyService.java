package io.channelmind.profile.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.repository.IdentityRepository;
import io.channelmind.profile.privacy.PrivacyRepository.StoredRequest;
import io.channelmind.web.Problem;
import io.channelmind.web.privacy.PrivacyConfirmation;
import io.channelmind.web.privacy.PrivacyRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs export and erasure requests: profile-service's own part in one transaction, then the
 * request on {@code cm.privacy-requests} for the other services, whose confirmations complete it.
 */
@ApplicationScoped
public class PrivacyService {

    /** The name profile-service confirms under. */
    public static final String SERVICE = "profile-service";

    private static final Logger LOG = Logger.getLogger(PrivacyService.class);

    private final Pool pool;
    private final IdentityRepository identities;
    private final PrivacyRepository repository;
    private final PrivacyRequestPublisher publisher;
    private final ErasureRecords erasures;
    private final List<String> services;

    public PrivacyService(Pool pool, IdentityRepository identities, PrivacyRepository repository,
            PrivacyRequestPublisher publisher, ErasureRecords erasures,
            @ConfigProperty(name = "channelmind.privacy.services") List<String> services) {
        this.pool = pool;
        this.identities = identities;
        this.repository = repository;
        this.publisher = publisher;
        this.erasures = erasures;
        this.services = List.copyOf(services);
    }

    /** The services that must confirm a request before it is completed. */
    public List<String> services() {
        return services;
    }

    /**
     * Creates a request of {@code kind} for the person that owns the identity, runs
     * profile-service's part and publishes the request. Fails with a 404 problem when no profile
     * owns the identity.
     */
    public Uni<StoredRequest> request(String kind, String identityKind, Identity identity, String shownValue) {
        UUID requestId = UUID.randomUUID();
        Instant now = Instant.now();

        Uni<PrivacyRequest> stored = pool.withTransaction(client -> identities.owner(client, identity)
                .chain(owner -> repository.person(client, owner.orElseThrow(() -> notFound(identityKind, shownValue))))
                .chain(person -> {
                    PrivacyRequest event = new PrivacyRequest(PrivacyRequest.SCHEMA_VERSION,
                            requestId.toString(), requestId.toString(), kind, person.profileKeys(),
                            person.identityHashes(), now);
                    // The erasure record makes later replays of the person's older events skip them.
                    Uni<PrivacyConfirmation> ownPart = PrivacyRequest.ERASURE.equals(kind)
                            ? repository.erase(client, person, requestId)
                                    .call(() -> erasures.record(client, erasedValues(person), now))
                                    .map(deleted -> PrivacyConfirmation.erased(SERVICE, event, deleted))
                            : repository.export(client, person)
                                    .map(data -> PrivacyConfirmation.exported(SERVICE, event, data));
                    return repository.insertRequest(client, event)
                            .chain(() -> ownPart)
                            .chain(confirmation -> repository.confirm(client, confirmation, services, now))
                            .replaceWith(event);
                }));

        return stored
                .call(event -> publisher.publish(event).invoke(() -> LOG.infof(
                        "Published %s request %s for %d profile keys", kind, requestId, event.profileKeys().size())))
                .chain(event -> repository.find(pool, requestId))
                .map(Optional::orElseThrow);
    }

    /** Records a confirmation from cm.privacy-confirmations and completes its request when it is the last one. */
    public Uni<Void> confirm(PrivacyConfirmation confirmation) {
        return pool.withTransaction(client -> repository.confirm(client, confirmation, services, Instant.now()))
                .invoke(completed -> {
                    LOG.infof("%s confirmed %s request %s", confirmation.service(), confirmation.kind(),
                            confirmation.requestId());
                    if (completed) {
                        LOG.infof("Privacy request %s is completed", confirmation.requestId());
                    }
                })
                .replaceWithVoid();
    }

    /** Returns the request with its confirmations, or empty when it is unknown. */
    public Uni<Optional<StoredRequest>> find(UUID requestId) {
        return repository.find(pool, requestId);
    }

    private static List<String> erasedValues(PrivacyRepository.Person person) {
        List<String> values = new ArrayList<>(person.profileKeys());
        values.addAll(person.identityHashes());
        return values;
    }

    static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static RuntimeException notFound(String identityKind, String shownValue) {
        return Problem.of(404, "profile-not-found", "Profile not found")
                .detail("No profile has the " + identityKind + " identity, so there is nothing to export or erase")
                .error("value", shownValue,
                        "Check the value; identities come from the keys and identify traits of customer events")
                .toException();
    }
}
