package io.channelmind.optimizer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts consumed, applied and skipped events per topic, for /q/metrics. */
@ApplicationScoped
public class ConsumptionMetrics {

    private final MeterRegistry registry;

    public ConsumptionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String topic, ConsumedBatch<?> batch, long applied) {
        registry.counter("channelmind.optimizer.events.consumed", "topic", topic).increment(batch.size());
        registry.counter("channelmind.optimizer.events.applied", "topic", topic).increment(applied);
        registry.counter("channelmind.optimizer.events.skipped", "topic", topic).increment(batch.skipped());
    }
}
