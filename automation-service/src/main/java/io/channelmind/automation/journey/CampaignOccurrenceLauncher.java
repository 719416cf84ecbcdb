package io.channelmind.automation.journey;

import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.service.CampaignService;
import io.channelmind.automation.service.SendKeys;
import io.quarkus.arc.DefaultBean;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Launches the campaign through {@link CampaignService}, waiting on a Vert.x context because it
 * is reactive. Each occurrence's sends are keyed by the occurrence's instant, so every
 * occurrence reaches each recipient once and a replayed occurrence sends nothing new.
 * The step is stored on the campaign, so a fill taken over by another instance and a manual
 * relaunch keep the occurrence's keys.
 */
@DefaultBean
@ApplicationScoped
public class CampaignOccurrenceLauncher implements OccurrenceLauncher {

    private final CampaignService campaigns;

    public CampaignOccurrenceLauncher(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void launch(UUID campaignId, ZonedDateTime occurrence) {
        String step = SendKeys.occurrenceStep(occurrence.toInstant());
        try {
            VertxContextSupport.subscribeAndAwait(() -> campaigns.launch(campaignId.toString(), step));
        } catch (Throwable e) {
            throw new IllegalStateException("Launching campaign " + campaignId + " for occurrence "
                    + CronOccurrences.key(occurrence) + " failed: " + e.getMessage(), e);
        }
    }
}
