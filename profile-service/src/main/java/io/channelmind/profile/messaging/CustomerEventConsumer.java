package io.channelmind.profile.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.interest.InterestText;
import io.channelmind.profile.offer.OfferActivity;
import io.channelmind.profile.service.CustomerEventBatch;
import io.channelmind.profile.service.CustomerEventService;
import io.channelmind.web.crypto.CryptoException;
import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicOpener;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes {@code cm.customer-events} in batches. Records that are not valid JSON or lack
 * {@code eventId}, {@code type}, {@code profileKey} or {@code occurredAt} are counted as
 * malformed, and events of unknown types are counted and ignored; both still count as consumed.
 * The encrypted {@code sealedTraits} (names and contact points) are decrypted into the traits. An
 * event whose sealed traits do not decrypt, because they were changed or moved from another
 * event or field, is skipped like a malformed one and counted as {@code undecryptable}.
 */
@ApplicationScoped
public class CustomerEventConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerEventConsumer.class);
    private static final String SEALED_TRAITS = "\"sealedTraits\"";

    private final ObjectMapper mapper;
    private final CustomerEventService service;
    private final MeterRegistry registry;
    private final TopicOpener opener;

    public CustomerEventConsumer(ObjectMapper mapper, CustomerEventService service, MeterRegistry registry,
            TopicOpener opener) {
        this.mapper = mapper;
        this.service = service;
        this.registry = registry;
        this.opener = opener;
    }

    /** The fields of an event that its sealed traits are bound to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SealedPart(String eventId, SealedTraits sealedTraits) {
    }

    @Incoming(Topics.CUSTOMER_EVENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<CustomerEvent> applicable = new ArrayList<>();
        Map<String, Long> perImport = new HashMap<>();
        int malformed = 0;
        int unknownType = 0;
        int undecryptable = 0;
        KafkaRecord<String, String> firstMalformed = null;
        KafkaRecord<String, String> firstUndecryptable = null;
        String undecryptableReason = null;

        for (KafkaRecord<String, String> record : batch) {
            CustomerEvent event = parse(record.getPayload());
            if (event != null && record.getPayload().contains(SEALED_TRAITS)) {
                try {
                    event = event.withTraits(openSealedTraits(record.getPayload()));
                } catch (CryptoException | JsonProcessingException e) {
                    undecryptable++;
                    firstUndecryptable = firstUndecryptable == null ? record : firstUndecryptable;
                    undecryptableReason = undecryptableReason == null ? e.getMessage() : undecryptableReason;
                    continue;
                }
            }
            if (event != null && event.importId() != null) {
                perImport.merge(event.importId(), 1L, Long::sum);
            }
            if (event == null || !event.isComplete()) {
                malformed++;
                firstMalformed = firstMalformed == null ? record : firstMalformed;
            } else if (!event.isKnownType() && InterestText.of(event).isEmpty()
                    && OfferActivity.of(event.profileKey(), event).isEmpty()) {
                unknownType++;
            } else {
                applicable.add(event);
            }
        }

        if (malformed > 0) {
            // The record itself is not logged: customer events carry personal data.
            LOG.warnf("Skipped %d malformed customer events (invalid JSON, or eventId, type, profileKey or "
                    + "occurredAt missing or invalid); the first is at %s", malformed,
                    RecordPosition.of(firstMalformed));
            count("malformed", malformed);
        }
        if (undecryptable > 0) {
            // The message names the field and the key, never a value.
            LOG.warnf("Skipped %d customer events whose sealedTraits did not decrypt; the first is at %s: %s",
                    undecryptable, RecordPosition.of(firstUndecryptable), undecryptableReason);
            count("undecryptable", undecryptable);
        }
        if (unknownType > 0) {
            LOG.debugf("Ignored %d customer events of unknown types", unknownType);
            count("unknown-type", unknownType);
        }
        return BatchAcknowledgement.settle(batch,
                service.apply(new CustomerEventBatch(batch.getRecords().size(), perImport, applicable)));
    }

    /**
     * Decrypts the {@code sealedTraits} of a message.
     *
     * @throws CryptoException when they were changed, moved or encrypted under an unknown key
     */
    private Map<String, String> openSealedTraits(String payload) throws JsonProcessingException {
        SealedPart part = mapper.readValue(payload, SealedPart.class);
        return opener.open(Topics.CUSTOMER_EVENTS, part.eventId(), part.sealedTraits());
    }

    private CustomerEvent parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mapper.readValue(payload, CustomerEvent.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void count(String outcome, long amount) {
        registry.counter("channelmind.profile.events", "topic", Topics.CUSTOMER_EVENTS, "outcome", outcome)
                .increment(amount);
    }
}
