package io.channelmind.automation.journey;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.service.CampaignService;
import io.quarkus.arc.DefaultBean;
import io.quarkus.vertx.VertxContextSupport;

/** Launches the campaign through {@link CampaignService}, waiting on a Vert.x context because it is reactive. */
@DefaultBean
@ApplicationScoped
public class CampaignOccurrenceLauncher implements OccurrenceLauncher {

    private final CampaignService campaigns;

    public CampaignOccurrenceLauncher(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    // TODO: campaign sends are keyed by (campaign, "initial", recipient), so every occurrence
    // after the first finds its recipients already sent. The core should use
    // SendKey(campaign, occurrence, recipient) for recurring runs.
    @Override
    public void launch(UUID campaignId, String occurrence) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> campaigns.launch(campaignId.toString()));
        } catch (Throwable e) {
            throw new IllegalStateException("Launching campaign " + campaignId + " for occurrence " + occurrence
                    + " failed: " + e.getMessage(), e);
        }
    }
}
