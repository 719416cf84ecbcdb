package io.channelmind.optimizer.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the Kafka payload records for reflection in a native executable. Jackson reads and
 * writes them through reflection, and unlike REST resource types Quarkus cannot find them by
 * itself, because only an ObjectMapper call names them.
 */
@RegisterForReflection(targets = { CustomerEvent.class, SpendEvent.class, SegmentMembershipEvent.class, EventSource.class,
        DeliveryEvent.class })
final class KafkaPayloadReflection {

    private KafkaPayloadReflection() {
    }
}
