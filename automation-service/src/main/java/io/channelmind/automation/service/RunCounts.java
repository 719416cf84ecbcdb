package io.channelmind.automation.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.channelmind.automation.domain.Counts;

/**
 * Live counts of one run, updated by concurrent sends. Each outcome method also counts the
 * member as processed, after the outcome, so a snapshot never shows more processed members
 * than outcomes.
 */
final class RunCounts {

    private final AtomicInteger audience = new AtomicInteger();
    private final AtomicInteger processed = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, AtomicInteger> skipped = new ConcurrentHashMap<>();

    void audience(int size) {
        audience.set(size);
    }

    void skipped(String reason) {
        skipped.computeIfAbsent(reason, key -> new AtomicInteger()).incrementAndGet();
        processed.incrementAndGet();
    }

    void sent() {
        sent.incrementAndGet();
        processed.incrementAndGet();
    }

    void duplicate() {
        duplicates.incrementAndGet();
        processed.incrementAndGet();
    }

    /** Counts a failed send and returns the number of failures so far. */
    int failed() {
        int failures = failed.incrementAndGet();
        processed.incrementAndGet();
        return failures;
    }

    int processedSoFar() {
        return processed.get();
    }

    int failedSoFar() {
        return failed.get();
    }

    Counts snapshot() {
        Map<String, Integer> reasons = new TreeMap<>();
        skipped.forEach((reason, count) -> reasons.put(reason, count.get()));
        return new Counts(audience.get(), processed.get(), sent.get(), reasons, duplicates.get(), failed.get());
    }
}
