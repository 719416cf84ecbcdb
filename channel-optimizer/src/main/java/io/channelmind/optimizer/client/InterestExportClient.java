package io.channelmind.optimizer.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Reads every interest vector from profile-service, page by page. The result is complete or the
 * call fails: a failed, timed-out or inconsistent page fails the whole read, so a caller never
 * trains on part of the vectors.
 */
@ApplicationScoped
public class InterestExportClient {

    private static final Logger LOG = Logger.getLogger(InterestExportClient.class);

    /** The export's maximum page size. */
    static final int MAX_PAGE_SIZE = 1000;

    private final ProfileServiceConfig config;
    private final InterestExportApi api;

    public InterestExportClient(ProfileServiceConfig config) {
        this.config = config;
        this.api = config.url().map(this::build).orElse(null);
    }

    /** Returns the configured base URL of profile-service, empty when embeddings are off. */
    public Optional<URI> url() {
        return config.url();
    }

    /**
     * Reads every page of the export. Fails with {@link InterestExportException} when profile-service
     * fails, times out, changes its model version during the read or sends a malformed vector.
     *
     * @throws IllegalStateException when no URL is configured (check {@link #url()} first)
     */
    public Uni<InterestSnapshot> readAll() {
        if (api == null) {
            throw new IllegalStateException("channelmind.optimizer.profile-service.url is not set");
        }
        int pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, config.pageSize()));
        Reader reader = new Reader(pageSize);
        return reader.readFrom(null)
                .ifNoItem().after(config.exportTimeout()).failWith(() -> new InterestExportException(
                        "Reading the interest export of " + config.url().orElseThrow() + " timed out after "
                                + config.exportTimeout() + " (" + reader.pages + " pages read)",
                        new TimeoutException()))
                .onFailure(failure -> !(failure instanceof InterestExportException))
                .transform(failure -> new InterestExportException("Reading the interest export of "
                        + config.url().orElseThrow() + " failed after " + reader.pages + " pages: " + describe(failure),
                        failure))
                .invoke(snapshot -> LOG.infof("Read %d interest vectors (%d labels, model version %s) in %d pages",
                        snapshot.vectors().size(), snapshot.labels().size(), snapshot.modelVersion(), reader.pages))
                .onFailure().invoke(failure -> LOG.warnf("%s", failure.getMessage()));
    }

    private InterestExportApi build(URI url) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(InterestExportApi.class);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            return "HTTP status " + web.getResponse().getStatus();
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** State of one read: the vectors so far and the model version and labels of the first page. */
    private final class Reader {

        private final int pageSize;
        private final Map<String, double[]> vectors = new LinkedHashMap<>();
        private String modelVersion;
        private List<String> labels;
        private int pages;

        Reader(int pageSize) {
            this.pageSize = pageSize;
        }

        Uni<InterestSnapshot> readFrom(String after) {
            return api.page(after, pageSize).chain(page -> {
                pages++;
                add(page, after);
                if (page.next() == null) {
                    return Uni.createFrom().item(new InterestSnapshot(modelVersion, labels == null ? List.of() : labels,
                            vectors));
                }
                return readFrom(page.next());
            });
        }

        private void add(InterestPage page, String after) {
            if (page == null) {
                throw new InterestExportException("profile-service sent an empty interest page after '" + after + "'");
            }
            if (pages == 1) {
                modelVersion = page.modelVersion();
                labels = page.labels() == null ? List.of() : List.copyOf(page.labels());
            } else if (!Objects.equals(modelVersion, page.modelVersion()) || !Objects.equals(labels, page.labels())) {
                throw new InterestExportException("The interest model of profile-service changed from '" + modelVersion
                        + "' to '" + page.modelVersion() + "' during the read; retrain once it has re-embedded"
                        + " the profiles");
            }
            if (page.next() != null && after != null && page.next().compareTo(after) <= 0) {
                throw new InterestExportException("profile-service returned next '" + page.next()
                        + "', which does not follow '" + after + "'");
            }
            for (InterestPage.ProfileVector profile : page.profiles() == null ? List.<InterestPage.ProfileVector>of()
                    : page.profiles()) {
                requireValid(profile);
                vectors.put(profile.profileKey(), profile.vector());
            }
        }

        private void requireValid(InterestPage.ProfileVector profile) {
            if (profile.profileKey() == null || profile.vector() == null || profile.vector().length != labels.size()) {
                throw new InterestExportException("profile-service sent a vector of " + (profile.vector() == null
                        ? "no" : profile.vector().length) + " components for profile '" + profile.profileKey()
                        + "', but the export has " + labels.size() + " labels");
            }
            for (double share : profile.vector()) {
                if (!Double.isFinite(share)) {
                    throw new InterestExportException("profile-service sent a non-finite share for profile '"
                            + profile.profileKey() + "'");
                }
            }
        }
    }
}
