package io.channelmind.automation.service;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CopySummary;
import io.channelmind.automation.domain.Counts;

/**
 * State of one launch while it fills the send outbox: the campaign as it was launched, the
 * channel and copy once chosen, and how many members it has paged through so far.
 */
final class CampaignRun {

    private final Campaign campaign;
    private final AtomicInteger audience = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private volatile String channel;
    private volatile CopySummary copy;
    private volatile boolean cancelled;

    CampaignRun(Campaign campaign) {
        this.campaign = campaign;
    }

    /** Returns the step part of this launch's idempotency keys. */
    String step() {
        return campaign.launchStep;
    }

    Campaign campaign() {
        return campaign;
    }

    UUID campaignId() {
        return campaign.id;
    }

    UUID runId() {
        return campaign.runId;
    }

    String channel() {
        return channel;
    }

    void channel(String value) {
        channel = value;
    }

    CopySummary copy() {
        return copy;
    }

    void copy(CopySummary value) {
        copy = value;
    }

    /** Counts a filled page: its members, and those left out because another profile has the address. */
    void filled(int members, int addressDuplicates) {
        audience.addAndGet(members);
        duplicates.addAndGet(addressDuplicates);
    }

    /** Returns the fill progress as counts; the outcome counts come from the send table. */
    Counts progress() {
        return new Counts(audience.get(), 0, 0, Map.of(), duplicates.get(), 0);
    }

    /** Stops filling at the next page, because the campaign was cancelled or launched again. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
