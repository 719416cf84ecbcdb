package io.channelmind.automation.service;

import java.util.UUID;

import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CopySummary;

/**
 * State of one launch while it runs: the campaign as it was launched, the live counts, and
 * the channel and copy once the run has chosen them.
 */
final class CampaignRun {

    private final Campaign campaign;
    private final RunCounts counts = new RunCounts();
    private volatile String channel;
    private volatile CopySummary copy;

    CampaignRun(Campaign campaign) {
        this.campaign = campaign;
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
}
