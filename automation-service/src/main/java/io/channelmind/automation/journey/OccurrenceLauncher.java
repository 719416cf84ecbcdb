package io.channelmind.automation.journey;

import java.time.ZonedDateTime;
import java.util.UUID;

/** Starts one run of a campaign for one occurrence of its recurring schedule. */
public interface OccurrenceLauncher {

    /**
     * Starts the run of {@code occurrence}, whose key is {@link CronOccurrences#key}. Throwing
     * leaves the occurrence due, so it is tried again at the next poll.
     */
    void launch(UUID campaignId, ZonedDateTime occurrence);
}
