package io.channelmind.profile.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Acknowledges a consumed batch once its processing completes. A method that takes a
 * {@link KafkaRecordBatch} consumes a {@code Message}, for which SmallRye's default is manual
 * acknowledgement: without this, no offset is ever committed, the connector fails the channel
 * after 60 s and a restart reads the whole topic again.
 */
final class BatchAcknowledgement {

    private BatchAcknowledgement() {
    }

    /** Acks the batch when {@code processing} succeeds and nacks it with the failure otherwise. */
    static Uni<Void> settle(KafkaRecordBatch<?, ?> batch, Uni<Void> processing) {
        return processing.onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? Uni.createFrom().completionStage(batch.ack())
                : Uni.createFrom().completionStage(batch.nack(failure)));
    }
}
