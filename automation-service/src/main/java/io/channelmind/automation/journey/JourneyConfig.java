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
     * Traits of {@code journey_profile} that name or contact a person, stored encrypted. Traits that
     * arrive encrypted in {@code sealedTraits} are stored encrypted whatever their names.
     */
    @WithDefault("email,phone,firstName,lastName,middleName,name,fullName,username,address")
    List<String> personalTraits();
}
