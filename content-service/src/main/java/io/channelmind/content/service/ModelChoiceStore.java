package io.channelmind.content.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.content.domain.StoredModelChoice;
import io.channelmind.content.repository.ModelChoiceRepository;
import io.smallrye.mutiny.Uni;

/**
 * The models chosen over REST, kept in memory so that picking the model of a copy costs no
 * database round trip. A change through this replica's API takes effect at once. A change
 * through another replica is read at the first copy request after {@value #REFRESH_KEY}
 * (30 s by default) has passed since the last read.
 */
@ApplicationScoped
public class ModelChoiceStore {

    public static final String REFRESH_KEY = "channelmind.content.model-choices.refresh-interval";

    private static final Logger LOG = Logger.getLogger(ModelChoiceStore.class);

    private final ModelChoiceRepository repository;
    private final Duration refreshInterval;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot;

    public ModelChoiceStore(ModelChoiceRepository repository,
            @ConfigProperty(name = REFRESH_KEY, defaultValue = "30s") Duration refreshInterval) {
        this.repository = repository;
        this.refreshInterval = refreshInterval;
    }

    /**
     * Reads the stored choices again when the last read is older than the refresh interval.
     * While one read is running, other requests keep the choices read before, unless there are
     * none yet.
     */
    public Uni<Void> refreshIfStale() {
        Snapshot current = snapshot;
        boolean stale = current == null || current.readAt().plus(refreshInterval).isBefore(Instant.now());
        if (!stale || (current != null && !refreshing.compareAndSet(false, true))) {
            return Uni.createFrom().voidItem();
        }
        return reload().eventually(() -> refreshing.set(false)).replaceWithVoid();
    }

    /** Reads every stored choice, keeps them for generation, and emits them. */
    public Uni<List<StoredModelChoice>> reload() {
        return repository.findAll().invoke(choices -> {
            Map<Key, String> models = new HashMap<>();
            for (StoredModelChoice choice : choices) {
                models.put(new Key(choice.brand(), choice.channel()), choice.model());
            }
            snapshot = new Snapshot(Map.copyOf(models), Instant.now());
            LOG.debugf("Read %d stored model choice(s)", choices.size());
        });
    }

    /**
     * Returns the model stored for exactly this brand and channel, as last read.
     *
     * @param brand the brand, or null for the choice of every brand
     * @param channel the channel, or null for the choice of every channel
     */
    public Optional<String> find(String brand, String channel) {
        Snapshot current = snapshot;
        return current == null ? Optional.empty() : Optional.ofNullable(current.models().get(new Key(brand, channel)));
    }

    private record Key(String brand, String channel) {
    }

    private record Snapshot(Map<Key, String> models, Instant readAt) {
    }
}
