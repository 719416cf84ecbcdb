package io.channelmind.automation.service;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import io.channelmind.automation.domain.SendWindow;

/**
 * Decides when a recipient may receive a message: outside the quiet hours in the recipient's
 * own time zone, and inside the campaign's send window when it has one.
 */
final class SendTimes {

    // Each round moves past one quiet period or one closed window, so a day needs at most four.
    private static final int MAX_ROUNDS = 8;

    private final QuietHours quietHours;
    private final ZoneId defaultZone;

    SendTimes(QuietHours quietHours, ZoneId defaultZone) {
        this.quietHours = quietHours;
        this.defaultZone = defaultZone;
    }

    /**
     * Returns the first instant at or after {@code from} that is outside quiet hours and inside
     * the window, or empty when the two never overlap, such as a 22:00 to 23:00 window in the
     * recipient's zone with quiet hours from 21:00 to 08:00.
     */
    Optional<Instant> nextAllowed(Instant from, String recipientZone, SendWindow window) {
        ZoneId recipient = zone(recipientZone);
        ZoneId windowZone = window == null || window.zone() == null ? recipient : zone(window.zone());
        // Outside the window is a daily quiet period from the window's end to its start.
        QuietHours closed = window == null ? null : new QuietHours(window.end(), window.start());
        Instant candidate = from;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant afterQuiet = quietHours.nextAllowed(candidate, recipient);
            Instant inWindow = closed == null ? afterQuiet : closed.nextAllowed(afterQuiet, windowZone);
            if (inWindow.equals(candidate)) {
                return Optional.of(candidate);
            }
            candidate = inWindow;
        }
        return Optional.empty();
    }

    /** Returns the recipient's IANA zone, or the default zone when it is missing or unknown. */
    ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }
}
