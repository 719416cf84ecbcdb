package io.channelmind.profile.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.DeliveryEvent;
import io.channelmind.profile.service.DeliveryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes {@code cm.deliveries} in batches. Records that are not valid JSON or lack
 * {@code eventId}, {@code profileKey} or {@code channel} are counted as malformed and skipped.
 */
@ApplicationScoped
public class DeliveryConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);

    private final ObjectMapper mapper;
    private final DeliveryService service;
    private final MeterRegistry registry;

    public DeliveryConsumer(ObjectMapper mapper, DeliveryService service, MeterRegistry registry) {
        this.mapper = mapper;
        this.service = service;
        this.registry = registry;
    }

    @Incoming(Topics.DELIVERIES)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<DeliveryEvent> events = new ArrayList<>();
        int malformed = 0;
        KafkaRecord<String, String> firstMalformed = null;

        for (KafkaRecord<String, String> record : batch) {
            DeliveryEvent event = parse(record.getPayload());
            if (event == null || !event.isComplete()) {
                malformed++;
                firstMalformed = firstMalformed == null ? record : firstMalformed;
            } else {
                events.add(event);
            }
        }

        if (malformed > 0) {
            LOG.warnf("Skipped %d malformed delivery events (invalid JSON, or eventId, profileKey or channel "
                    + "missing); the first is at %s", malformed,
                    RecordPosition.of(firstMalformed));
            registry.counter("channelmind.profile.events", "topic", Topics.DELIVERIES, "outcome", "malformed")
                    .increment(malformed);
        }
        return BatchAcknowledgement.settle(batch, service.apply(batch.getRecords().size(), events));
    }

    private DeliveryEvent parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mapper.readValue(payload, DeliveryEvent.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
