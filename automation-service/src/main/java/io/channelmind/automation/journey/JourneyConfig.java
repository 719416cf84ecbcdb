package io.channelmind.automation.journey;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Timers of journeys and recurring campaigns ({@code automation.journeys.*}). */
@ConfigMapping(prefix = "automation.journeys")
public interface JourneyConfig {

    /** How often entries whose wait is over are run. */
    Duration pollInterval();

    /** How often date triggers (birthdays, renewals) are checked. */
    Duration dateScanInterval();

    /** How often recurring campaign schedules are checked for a due occurrence. */
    Duration recurringPollInterval();

    /** Entries run per database query while catching up. */
    @WithDefault("200")
    int batchSize();

    /**
     * The most SMS segments a journey message may take when its step sets no maxSegments; a
     * longer message is skipped with its count.
     */
    @WithDefault("3")
    int smsMaxSegments();

    /**
     * How long the approved content-service variants of one campaign, segment and channel are
     * reused for journey sends. PT0S requests them on every send.
     */
    @WithDefault("PT30S")
    Duration variantCacheTtl();

    /** Maximum number of (campaign, segment, channel) variant lists kept at once. Caffeine evicts beyond it. */
    @WithDefault("1000")
    long variantCacheMaxEntries();

    /**
     * Traits of {@code journey_profile} that name or contact a person, stored encrypted. Traits that
     * arrive encrypted in {@code sealedTraits} are stored encrypted whatever their names.
     */
    @WithDefault("email,phone,firstName,lastName,middleName,name,fullName,username,address")
    List<String> personalTraits();
}
