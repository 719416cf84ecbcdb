package io.channelmind.profile.offer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.profile.interest.InterestEncoder;
import io.channelmind.profile.messaging.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Stores the offers of a {@code cm.offers} batch with their embeddings. Only the last message of
 * each offer in the batch counts, because the topic is keyed by offer id and later messages
 * replace earlier ones. An offer whose stored message has the same event id and an embedding of
 * the current model is left alone, so a replay of the topic embeds and writes nothing.
 */
@ApplicationScoped
public class OfferCatalogService {

    private static final Logger LOG = Logger.getLogger(OfferCatalogService.class);

    private final Pool pool;
    private final OfferRepository offers;
    private final InterestEncoder encoder;
    private final MeterRegistry registry;

    public OfferCatalogService(Pool pool, OfferRepository offers, InterestEncoder encoder, MeterRegistry registry) {
        this.pool = pool;
        this.offers = offers;
        this.encoder = encoder;
        this.registry = registry;
    }

    /** Applies complete offer messages in topic order. */
    public Uni<Void> apply(List<OfferEvent> events) {
        Map<String, OfferEvent> latest = new LinkedHashMap<>();
        events.forEach(event -> latest.put(event.offerId(), event));
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String model = encoder.modelVersion();

        return offers.eventIds(pool, latest.keySet(), model).chain(stored -> {
            List<OfferEvent> changed = new ArrayList<>();
            for (OfferEvent event : latest.values()) {
                if (!event.eventId().equals(stored.get(event.offerId()))) {
                    changed.add(event);
                }
            }
            count("duplicate", events.size() - changed.size());
            if (changed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<String> texts = changed.stream().map(OfferEvent::embeddingText).toList();
            return encoder.encodeOffEventLoop(texts)
                    .chain(encoded -> pool.withTransaction(connection -> store(connection, changed, encoded, model)))
                    .invoke(() -> {
                        count("applied", changed.size());
                        LOG.debugf("Stored %d offers", changed.size());
                    });
        });
    }

    private Uni<Void> store(SqlConnection connection, List<OfferEvent> changed, Map<String, double[]> encoded,
            String model) {
        return Multi.createFrom().iterable(changed)
                .onItem().transformToUniAndConcatenate(event -> offers.upsert(connection, event,
                        encoded.get(event.embeddingText()), model))
                .collect().last()
                .replaceWithVoid();
    }

    /** Counts records of the topic that could not be read as offers. */
    public void countMalformed(long amount) {
        count("malformed", amount);
    }

    private void count(String outcome, long amount) {
        if (amount > 0) {
            registry.counter("channelmind.profile.events", "topic", Topics.OFFERS, "outcome", outcome).increment(amount);
        }
    }
}
