package io.channelmind.optimizer.messaging;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.channelmind.optimizer.repository.ConsumptionRepository;
import io.channelmind.optimizer.repository.SpendRepository;
import io.channelmind.optimizer.repository.SpendRepository.SpendRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Consumes {@code cm.spend} in batches and adds each row's cost to its channel and day. */
@ApplicationScoped
public class SpendConsumer {

    private static final Logger LOG = Logger.getLogger(SpendConsumer.class);

    private final SpendRepository spend;
    private final ConsumptionRepository consumption;
    private final ConsumptionMetrics metrics;

    public SpendConsumer(SpendRepository spend, ConsumptionRepository consumption, ConsumptionMetrics metrics) {
        this.spend = spend;
        this.consumption = consumption;
        this.metrics = metrics;
    }

    /** Applies a batch in one transaction, so its processed event ids, costs and counters commit together. */
    @Incoming(Topics.SPEND)
    public Uni<Void> consume(ConsumerRecords<String, SpendEvent> records) {
        ConsumedBatch<SpendEvent> batch = ConsumedBatch.of(Topics.SPEND, records,
                SpendConsumer::isApplicable, SpendEvent::eventId, SpendEvent::importId);
        batch.logSkipped(LOG);
        List<SpendRow> rows = batch.applicable().stream()
                .map(event -> new SpendRow(event.eventId(), event.channel(), event.campaign(),
                        LocalDate.parse(event.date()), event.cost(), event.currency(), event.impressions(),
                        event.clicks()))
                .toList();

        return Panache.withTransaction(() -> spend.applyNew(Topics.SPEND, rows)
                        .call(() -> consumption.addImportCounts(batch.eventsPerImport()))
                        .call(applied -> consumption.addTopicCounts(Topics.SPEND, batch.size(), applied)))
                .invoke(applied -> {
                    metrics.record(Topics.SPEND, batch, applied);
                    LOG.debugf("Applied %d of %d spend rows", applied.longValue(), (long) batch.size());
                })
                .onFailure().invoke(failure -> LOG.errorf(failure,
                        "Failed to apply a batch of %d spend rows. The channel stops, and a restart consumes the batch"
                                + " again", batch.size()))
                .replaceWithVoid();
    }

    private static boolean isApplicable(SpendEvent event) {
        return event.schemaVersion() == Topics.SCHEMA_VERSION
                && hasText(event.eventId())
                && hasText(event.channel())
                && event.cost() != null
                && isDate(event.date());
    }

    private static boolean isDate(String text) {
        if (text == null) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
