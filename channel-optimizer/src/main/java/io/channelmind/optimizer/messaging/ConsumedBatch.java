package io.channelmind.optimizer.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * One polled batch of a topic, split up for applying: the applicable events with duplicate ids
 * removed (first occurrence kept, partition order preserved), the count of every readable
 * event per import id, and the records that were skipped.
 */
final class ConsumedBatch<T> {

    private final String topic;
    private final int size;
    private final List<T> applicable;
    private final Map<String, Long> eventsPerImport;
    private final List<String> unreadable;
    private final List<String> invalid;

    private ConsumedBatch(String topic, int size, List<T> applicable, Map<String, Long> eventsPerImport,
            List<String> unreadable, List<String> invalid) {
        this.topic = topic;
        this.size = size;
        this.applicable = applicable;
        this.eventsPerImport = eventsPerImport;
        this.unreadable = unreadable;
        this.invalid = invalid;
    }

    /**
     * Splits the records of a batch. A record whose value is null (not valid JSON, or a
     * tombstone) is unreadable, and an event that fails {@code isApplicable} is invalid. Both
     * are skipped, but an invalid event still counts for its import.
     */
    static <T> ConsumedBatch<T> of(String topic, ConsumerRecords<String, T> records, Predicate<T> isApplicable,
            Function<T, String> eventId, Function<T, String> importId) {
        Map<String, T> byEventId = new LinkedHashMap<>();
        Map<String, Long> eventsPerImport = new HashMap<>();
        List<String> unreadable = new ArrayList<>();
        List<String> invalid = new ArrayList<>();

        for (ConsumerRecord<String, T> record : records) {
            T event = record.value();
            if (event == null) {
                unreadable.add(position(record));
                continue;
            }
            String importOfEvent = importId.apply(event);
            if (importOfEvent != null && !importOfEvent.isBlank()) {
                eventsPerImport.merge(importOfEvent, 1L, Long::sum);
            }
            if (isApplicable.test(event)) {
                byEventId.putIfAbsent(eventId.apply(event), event);
            } else {
                invalid.add(position(record));
            }
        }
        return new ConsumedBatch<>(topic, records.count(), List.copyOf(byEventId.values()), eventsPerImport,
                unreadable, invalid);
    }

    /** Number of records polled, duplicates and skipped records included. */
    int size() {
        return size;
    }

    /** Applicable events with distinct ids, in partition order. */
    List<T> applicable() {
        return applicable;
    }

    Map<String, Long> eventsPerImport() {
        return eventsPerImport;
    }

    int skipped() {
        return unreadable.size() + invalid.size();
    }

    /** Logs one warning for the batch when it skipped records, with the position of the first of each kind. */
    void logSkipped(Logger log) {
        if (!unreadable.isEmpty()) {
            log.warnf("Skipped %d of %d records from %s because the value is missing or not valid JSON (first at %s)",
                    unreadable.size(), size, topic, unreadable.get(0));
        }
        if (!invalid.isEmpty()) {
            log.warnf("Skipped %d of %d events from %s because a required field is missing or the schema version"
                    + " is not %d (first at %s)", invalid.size(), size, topic, Topics.SCHEMA_VERSION, invalid.get(0));
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return "partition " + record.partition() + " offset " + record.offset();
    }

}
