package io.channelmind.profile.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** Describes where a consumed record sits, for log messages that must not show the record itself. */
final class RecordPosition {

    private RecordPosition() {
    }

    static String of(KafkaRecord<?, ?> record) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        return "partition " + record.getPartition() + " offset " + offset;
    }
}
