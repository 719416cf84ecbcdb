package io.channelmind.automation.journey;

import java.util.UUID;

/** Starts one run of a campaign for one occurrence of its recurring schedule. */
public interface OccurrenceLauncher {

    /**
     * Starts the run; {@code occurrence} is the occurrence's key from {@link CronOccurrences#key}.
     * Throwing leaves the occurrence due, so it is tried again at the next poll.
     */
    void launch(UUID campaignId, String occurrence);
}
