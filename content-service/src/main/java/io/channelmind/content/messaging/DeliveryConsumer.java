package io.channelmind.content.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.repository.CopyVariantRepository;
import io.channelmind.content.repository.CopyVariantRepository.Delivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Counts the deliveries, clicks and conversions of each copy from {@code cm.deliveries}, a
 * batch of records per transaction. Counting is idempotent on {@code eventId}. Events without
 * a copy id, with a copy id that names no copy, with a status other than {@code delivered},
 * {@code clicked} or {@code converted} (a missing status counts as delivered), or that are
 * not valid JSON are skipped.
 *
 * NOTE: conversions on {@code cm.customer-events} carry a campaign but no copy id, so they
 * cannot be credited to a variant and are not read here.
 */
@ApplicationScoped
public class DeliveryConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);

    private final CopyVariantRepository repository;
    private final ObjectMapper json;

    public DeliveryConsumer(CopyVariantRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    @Incoming(Topics.DELIVERIES_CHANNEL)
    public Uni<Void> consume(List<String> payloads) {
        List<Delivery> deliveries = new ArrayList<>();
        int malformed = 0;
        for (String payload : payloads) {
            Optional<DeliveryEvent> event = read(payload);
            if (event.isEmpty()) {
                malformed++;
                continue;
            }
            toDelivery(event.get()).ifPresent(deliveries::add);
        }
        if (malformed > 0) {
            LOG.warnf("Skipped %d of %d cm.deliveries record(s) that are not valid delivery events", malformed, payloads.size());
        }
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }

        return Panache.withTransaction(() -> repository.countDeliveries(deliveries))
                .invoke(copies -> LOG.debugf("Counted %d delivery event(s) for %d copies", deliveries.size(), copies))
                .replaceWithVoid();
    }

    private Optional<DeliveryEvent> read(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        try {
            DeliveryEvent event = json.readValue(payload, DeliveryEvent.class);
            return event.eventId() == null || event.eventId().isBlank() ? Optional.empty() : Optional.of(event);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Delivery> toDelivery(DeliveryEvent event) {
        if (event.copyId() == null || event.outcome() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Delivery(event.eventId(), UUID.fromString(event.copyId()), event.outcome()));
        } catch (IllegalArgumentException e) {
            // Not a copy id of this service, so it names no copy here.
            return Optional.empty();
        }
    }
}
