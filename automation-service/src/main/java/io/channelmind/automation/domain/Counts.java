package io.channelmind.automation.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.Embeddable;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Progress of the latest launch: members in the segment, members processed so far and the
 * outcome of each, with skipped members counted per reason. {@code skipped} is sorted by
 * reason and cannot be modified.
 */
@Embeddable
public record Counts(
        int audience,
        int processed,
        int sent,
        @JdbcTypeCode(SqlTypes.JSON) Map<String, Integer> skipped,
        int duplicates,
        int failed) {

    public Counts {
        skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
    }

    public static Counts empty() {
        return new Counts(0, 0, 0, Map.of(), 0, 0);
    }
}
