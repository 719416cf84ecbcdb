package io.channelmind.automation.domain;

import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Daily window of a campaign in which sends are allowed, from {@code start} (inclusive) to
 * {@code end} (exclusive) in local wall-clock time. A window whose start is after its end runs
 * over midnight. {@code zone} is an IANA time zone, or null for the recipient's own zone.
 */
@Embeddable
public record SendWindow(
        @Column(name = "send_window_start") LocalTime start,
        @Column(name = "send_window_end") LocalTime end,
        @Column(name = "send_window_zone") String zone) {
}
