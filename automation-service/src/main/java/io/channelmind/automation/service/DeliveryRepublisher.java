package io.channelmind.automation.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.messaging.DeliveryPublisher;
import io.channelmind.automation.messaging.Topics;
import io.channelmind.automation.repository.SendLedger;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Publishes the delivery events that Kafka did not acknowledge when their message was sent.
 * The ledger marks each sent message until its event is acknowledged, so every accepted message
 * gets its event at least once. Consumers drop repeats by {@code eventId}.
 */
@ApplicationScoped
public class DeliveryRepublisher {

    private static final Logger LOG = Logger.getLogger(DeliveryRepublisher.class);

    private final SendLedger ledger;
    private final DeliveryPublisher deliveries;
    private final AutomationConfig config;

    public DeliveryRepublisher(SendLedger ledger, DeliveryPublisher deliveries, AutomationConfig config) {
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.config = config;
    }

    /** Delivery events of a campaign could not be published; launching the campaign again retries them. */
    public static class PublishException extends RuntimeException {

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Publishes every missing delivery event of the campaign; fails with {@link PublishException} if one fails. */
    public Uni<Void> republish(UUID campaignId) {
        return ledger.findUnpublished(campaignId).chain(sends -> {
            if (sends.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("Campaign %s: publishing %d delivery event(s) again", campaignId, sends.size());
            return Multi.createFrom().iterable(sends)
                    .onItem().transformToUni(send -> deliveries
                            .publish(send.idempotencyKey(), send.profileKey(), campaignId, send.channel(), send.copyId(),
                                    send.acceptedAt())
                            .chain(() -> ledger.markPublished(send.idempotencyKey())))
                    .merge(config.send().concurrency())
                    .collect().last()
                    .replaceWithVoid()
                    .onFailure().transform(failure -> new PublishException("Publishing " + sends.size()
                            + " delivery event(s) to " + Topics.DELIVERIES + " failed (" + failure.getMessage()
                            + "). The messages were sent, so launch the campaign again to publish the events", failure));
        });
    }
}
