package io.channelmind.automation.rest;

import java.time.Instant;
import java.util.Map;

import io.channelmind.automation.domain.Brief;
import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CampaignStatus;
import io.channelmind.automation.domain.Counts;
import io.channelmind.automation.domain.SendWindow;
import io.channelmind.automation.service.CampaignService;

/**
 * A campaign as the REST API returns it. {@code recommendation} is null unless
 * channel-optimizer chose the channel, {@code copy} is null until content-service wrote it,
 * and {@code counts} are read from the send rows: {@code audience} and {@code duplicates} describe
 * the latest launch, the outcomes cover every launch.
 */
public record CampaignView(
        String id,
        String name,
        String segment,
        String locale,
        CampaignStatus status,
        String channel,
        RecommendationView recommendation,
        CopyView copy,
        CountsView counts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String error,
        int launches,
        Brief brief,
        Instant scheduledAt,
        SendWindow sendWindow) {

    public record RecommendationView(String channel, String reason) {
    }

    public record CopyView(String copyId, String generator, String subject, String body) {
    }

    /**
     * {@code skipped} maps each skip reason to its count; {@code pending} are members with a
     * send that has not reached a final state yet.
     */
    public record CountsView(int audience, int processed, int sent, Map<String, Integer> skipped, int duplicates,
            int failed, int pending) {
    }

    public static CampaignView of(CampaignService.CampaignState state) {
        return of(state.campaign(), state.tally().pending());
    }

    public static CampaignView of(Campaign campaign, int pending) {
        String channel = campaign.channel != null ? campaign.channel : campaign.requestedChannel;
        RecommendationView recommendation = campaign.recommendationReason == null ? null
                : new RecommendationView(campaign.channel, campaign.recommendationReason);
        CopyView copy = campaign.copy == null ? null
                : new CopyView(campaign.copy.copyId(), campaign.copy.generator(), campaign.copy.subject(),
                        campaign.copy.body());
        Counts counts = campaign.counts;
        CountsView countsView = new CountsView(counts.audience(), counts.processed(), counts.sent(), counts.skipped(),
                counts.duplicates(), counts.failed(), pending);
        return new CampaignView(campaign.id.toString(), campaign.name, campaign.segment, campaign.locale,
                campaign.status, channel, recommendation, copy, countsView, campaign.createdAt, campaign.startedAt,
                campaign.finishedAt, campaign.error, campaign.launches, campaign.brief, campaign.scheduledAt,
                campaign.sendWindow);
    }
}
