package io.channelmind.ingestion.cleaning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts of what the cleaning rules changed or could not map, in one import or in the tracking
 * calls since the service started. Writers and readers run on different threads, so every
 * method is synchronized.
 */
public final class CleaningStats {

    /** Distinct unmapped values listed per kind; further ones are still counted. */
    public static final int MAX_LISTED_VALUES = 100;

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, Map<String, Long>> unmapped = new TreeMap<>();
    private final Map<String, Map<String, Long>> listed = new TreeMap<>();
    private final Consumer<String> onCount;

    public CleaningStats() {
        this(name -> {
        });
    }

    /** @param onCount receives the name of every counter that is incremented, such as a metric's tag */
    public CleaningStats(Consumer<String> onCount) {
        this.onCount = onCount;
    }

    /** Adds one to the counter {@code name}, such as {@code dstGapShifted}. */
    public synchronized void count(String name) {
        counts.merge(name, 1L, Long::sum);
        onCount.accept(name);
    }

    /**
     * Records a value that no rule maps, such as a utm_medium without a channel rule. The value
     * is counted and listed, so that a user can add a rule for it.
     */
    public synchronized void unmapped(String kind, String value) {
        count("unmapped." + kind);
        Map<String, Long> values = unmapped.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        if (values.containsKey(value) || values.size() < MAX_LISTED_VALUES) {
            values.merge(value, 1L, Long::sum);
        }
    }

    /**
     * Counts the event {@code kind} and lists one description of it, such as the rows of a
     * duplicate customer; only the first MAX_LISTED_VALUES descriptions are kept.
     */
    public synchronized void listed(String kind, String description) {
        count(kind);
        Map<String, Long> values = listed.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        if (values.containsKey(description) || values.size() < MAX_LISTED_VALUES) {
            values.merge(description, 1L, Long::sum);
        }
    }

    public synchronized long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** Returns a copy as {@code {"counts": {...}, "unmapped": {kind: {value: count}}, "listed": {kind: [...]}}}. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("counts", new TreeMap<>(counts));
        Map<String, Object> unmappedCopy = new TreeMap<>();
        unmapped.forEach((kind, values) -> unmappedCopy.put(kind, new LinkedHashMap<>(values)));
        copy.put("unmapped", unmappedCopy);
        Map<String, Object> listedCopy = new TreeMap<>();
        listed.forEach((kind, values) -> listedCopy.put(kind, List.copyOf(values.keySet())));
        copy.put("listed", listedCopy);
        return copy;
    }
}
