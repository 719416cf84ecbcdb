package io.channelmind.automation.domain;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a campaign; the lower-case name is used in JSON and in the database. */
public enum CampaignStatus {
    DRAFT,
    /** Waiting for its start time; the scheduler launches it then. */
    SCHEDULED,
    RUNNING,
    /** Launched, but the drainers leave its pending sends alone until it is resumed. */
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CampaignStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
