package io.channelmind.optimizer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.channelmind.optimizer.repository.ConsumptionRepository;
import io.channelmind.optimizer.repository.CustomerEventRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code cm.customer-events} in batches. Contact and conversion events update the
 * per-profile, per-channel counts; identify events only register their profile. Every record
 * counts for its topic and, when it names one, its import.
 */
@ApplicationScoped
public class CustomerEventConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerEventConsumer.class);

    private final CustomerEventRepository events;
    private final ConsumptionRepository consumption;
    private final ConsumptionMetrics metrics;

    public CustomerEventConsumer(CustomerEventRepository events, ConsumptionRepository consumption,
            ConsumptionMetrics metrics) {
        this.events = events;
        this.consumption = consumption;
        this.metrics = metrics;
    }

    /** Applies a batch in one transaction, so its processed event ids, counts and counters commit together. */
    @Incoming(Topics.CUSTOMER_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, CustomerEvent> records) {
        ConsumedBatch<CustomerEvent> batch = ConsumedBatch.of(Topics.CUSTOMER_EVENTS, records,
                CustomerEvent::isApplicable, CustomerEvent::eventId, CustomerEvent::importId);
        batch.logSkipped(LOG);

        return Panache.withTransaction(() -> events.applyNew(Topics.CUSTOMER_EVENTS, batch.applicable())
                        .call(() -> consumption.addImportCounts(batch.eventsPerImport()))
                        .call(applied -> consumption.addTopicCounts(Topics.CUSTOMER_EVENTS, batch.size(), applied)))
                .invoke(applied -> {
                    metrics.record(Topics.CUSTOMER_EVENTS, batch, applied);
                    LOG.debugf("Applied %d of %d customer events", applied.longValue(), (long) batch.size());
                })
                .onFailure().invoke(failure -> LOG.errorf(failure,
                        "Failed to apply a batch of %d customer events. The channel stops, and a restart consumes the"
                                + " batch again", batch.size()))
                .replaceWithVoid();
    }
}
