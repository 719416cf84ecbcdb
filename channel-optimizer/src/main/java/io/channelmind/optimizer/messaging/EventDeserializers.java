package io.channelmind.optimizer.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/**
 * Jackson deserializers for the consumed topics, named in application.properties. A record that
 * is not valid JSON fails deserialization; the channels set {@code fail-on-deserialization-failure}
 * to false, so such a record reaches the consumer with a null value and is skipped there.
 */
public final class EventDeserializers {

    private EventDeserializers() {
    }

    public static class CustomerEventDeserializer extends ObjectMapperDeserializer<CustomerEvent> {
        public CustomerEventDeserializer() {
            super(CustomerEvent.class);
        }
    }

    public static class SpendEventDeserializer extends ObjectMapperDeserializer<SpendEvent> {
        public SpendEventDeserializer() {
            super(SpendEvent.class);
        }
    }

    public static class SegmentMembershipEventDeserializer extends ObjectMapperDeserializer<SegmentMembershipEvent> {
        public SegmentMembershipEventDeserializer() {
            super(SegmentMembershipEvent.class);
        }
    }

    public static class DeliveryEventDeserializer extends ObjectMapperDeserializer<DeliveryEvent> {
        public DeliveryEventDeserializer() {
            super(DeliveryEvent.class);
        }
    }
}
