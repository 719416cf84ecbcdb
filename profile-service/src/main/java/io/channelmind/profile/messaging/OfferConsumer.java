package io.channelmind.profile.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.offer.OfferCatalogService;
import io.channelmind.profile.offer.OfferEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes the offer catalogue from {@code cm.offers} in batches, in its own consumer group.
 * Records that are not valid JSON, lack {@code eventId}, {@code offerId} or {@code title}, or
 * have an unknown kind or status are counted as malformed and skipped.
 */
@ApplicationScoped
public class OfferConsumer {

    private static final Logger LOG = Logger.getLogger(OfferConsumer.class);

    private final ObjectMapper mapper;
    private final OfferCatalogService service;

    public OfferConsumer(ObjectMapper mapper, OfferCatalogService service) {
        this.mapper = mapper;
        this.service = service;
    }

    @Incoming(Topics.OFFERS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<OfferEvent> offers = new ArrayList<>();
        int malformed = 0;
        KafkaRecord<String, String> firstMalformed = null;

        for (KafkaRecord<String, String> record : batch) {
            OfferEvent offer = parse(record.getPayload());
            if (offer == null || !offer.isComplete()) {
                malformed++;
                firstMalformed = firstMalformed == null ? record : firstMalformed;
            } else {
                offers.add(offer);
            }
        }

        if (malformed > 0) {
            LOG.warnf("Skipped %d malformed offers (invalid JSON, eventId, offerId or title missing, or unknown kind "
                    + "or status); the first is at %s", malformed, RecordPosition.of(firstMalformed));
            service.countMalformed(malformed);
        }
        return BatchAcknowledgement.settle(batch, service.apply(offers));
    }

    private OfferEvent parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mapper.readValue(payload, OfferEvent.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
