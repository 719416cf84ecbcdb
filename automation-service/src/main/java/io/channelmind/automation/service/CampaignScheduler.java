package io.channelmind.automation.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.repository.CampaignRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Launches scheduled campaigns whose start time has passed and takes over fills whose instance
 * stopped, on every instance. The row lock of {@link CampaignRepository#startRun} lets only one
 * instance start each launch.
 */
@ApplicationScoped
public class CampaignScheduler {

    private static final Logger LOG = Logger.getLogger(CampaignScheduler.class);

    private final CampaignRepository campaigns;
    private final CampaignService service;
    private final AutomationConfig config;

    public CampaignScheduler(CampaignRepository campaigns, CampaignService service, AutomationConfig config) {
        this.campaigns = campaigns;
        this.service = service;
        this.config = config;
    }

    @Scheduled(every = "${automation.run.sweep-interval:5S}", delayed = "1S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> launchDue() {
        return campaigns.dueForLaunch(config.run().lease())
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> service.startLaunch(id)
                        .invoke(started -> {
                            if (started != null) {
                                LOG.infof("Campaign %s: launch %d started by the scheduler (start time reached, or the"
                                        + " instance that filled it stopped)", id, started.launches);
                            }
                        })
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Campaign %s: starting a due launch failed, retrying at the next sweep: %s", id,
                                    failure.getMessage());
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid();
    }
}
