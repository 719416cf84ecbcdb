package io.channelmind.profile.messaging;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.DeliveryEvent;
import io.channelmind.profile.domain.EventSource;
import io.channelmind.profile.domain.SegmentMembershipEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the Kafka payload records for reflection in a native executable. Jackson reads and
 * writes them through reflection, and unlike REST resource types Quarkus cannot find them by
 * itself, because only an ObjectMapper call names them.
 */
@RegisterForReflection(targets = { CustomerEvent.class, DeliveryEvent.class, EventSource.class, SegmentMembershipEvent.class })
final class KafkaPayloadReflection {

    private KafkaPayloadReflection() {
    }
}
