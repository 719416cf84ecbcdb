package io.channelmind.optimizer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.channelmind.optimizer.repository.ConsumptionRepository;
import io.channelmind.optimizer.repository.DeliveryRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code cm.deliveries} in batches, in a consumer group of its own. Opens and clicks
 * are counted per profile, channel and part of the day, once per event id. Other statuses are
 * skipped without a warning, because they are not responses.
 */
@ApplicationScoped
public class DeliveryConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);

    private final DeliveryRepository deliveries;
    private final ConsumptionRepository consumption;
    private final ConsumptionMetrics metrics;

    public DeliveryConsumer(DeliveryRepository deliveries, ConsumptionRepository consumption,
            ConsumptionMetrics metrics) {
        this.deliveries = deliveries;
        this.consumption = consumption;
        this.metrics = metrics;
    }

    /** Applies a batch in one transaction, so its processed event ids, counts and counters commit together. */
    @Incoming(Topics.DELIVERIES)
    public Uni<Void> consume(ConsumerRecords<String, DeliveryEvent> records) {
        ConsumedBatch<DeliveryEvent> batch = ConsumedBatch.of(Topics.DELIVERIES, records, DeliveryEvent::isApplicable,
                DeliveryEvent::eventId, event -> null);
        batch.logSkipped(LOG);
        var responses = batch.applicable().stream().filter(DeliveryEvent::isResponse).toList();

        return Panache.withTransaction(() -> deliveries.applyNew(Topics.DELIVERIES, responses)
                        .call(applied -> consumption.addTopicCounts(Topics.DELIVERIES, batch.size(), applied)))
                .invoke(applied -> {
                    metrics.record(Topics.DELIVERIES, batch, applied);
                    LOG.debugf("Applied %d opens and clicks of %d delivery events", applied.longValue(),
                            (long) batch.size());
                })
                .onFailure().invoke(failure -> LOG.errorf(failure,
                        "Failed to apply a batch of %d delivery events. The channel stops, and a restart consumes the"
                                + " batch again", batch.size()))
                .replaceWithVoid();
    }
}
