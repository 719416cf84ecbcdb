package io.channelmind.automation.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.channelmind.automation.client.ProfileClient.Member;
import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CopySummary;

/**
 * State of one launch while it runs: the campaign as it was launched, the live counts, and
 * the channel and copy once the run has chosen them.
 */
final class CampaignRun {

    private final Campaign campaign;
    private final String step;
    private final RunCounts counts = new RunCounts();
    private volatile String channel;
    private volatile CopySummary copy;
    private final List<Deferred> deferred = new ArrayList<>();
    private volatile boolean cancelled;

    /** A member whose send waits for the end of their quiet hours. */
    record Deferred(Member member, Instant due) {
    }

    CampaignRun(Campaign campaign, String step) {
        this.campaign = campaign;
        this.step = step;
    }

    /** Returns the step part of this run's idempotency keys. */
    String step() {
        return step;
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

    RunCounts counts() {
        return counts;
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

    /** Stops sending: members not processed yet are skipped with reason {@code cancelled}. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    synchronized void defer(Member member, Instant due) {
        deferred.add(new Deferred(member, due));
    }

    /** Removes and returns the deferred members, earliest due first. */
    synchronized List<Deferred> takeDeferred() {
        List<Deferred> waiting = new ArrayList<>(deferred);
        deferred.clear();
        waiting.sort(Comparator.comparing(Deferred::due));
        return waiting;
    }
}
