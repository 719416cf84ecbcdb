package io.channelmind.automation.service;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.client.ContentClient;
import io.channelmind.automation.client.ContentGateway;
import io.channelmind.automation.client.DependencyException;
import io.channelmind.automation.client.OptimizerGateway;
import io.channelmind.automation.client.ProfileGateway;
import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CampaignStatus;
import io.channelmind.automation.domain.CopySummary;
import io.channelmind.automation.domain.Counts;
import io.channelmind.automation.repository.CampaignRepository;
import io.channelmind.automation.repository.SendOutbox;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs the launch of a campaign in the background: chooses the channel, gets the copy and
 * fills the send outbox with the segment's members, then marks the campaign filled. The
 * drainers of all instances send the rows, and the campaign completes when none is pending.
 * While it fills, a launch renews its heartbeat, so another instance takes over a fill whose
 * instance stopped.
 */
@ApplicationScoped
public class CampaignRunner {

    private static final Logger LOG = Logger.getLogger(CampaignRunner.class);
    /** Skip reason of the members that a cancelled run did not send to. */
    public static final String CANCELLED = "cancelled";

    private final Map<UUID, CampaignRun> activeRuns = new ConcurrentHashMap<>();
    private final CampaignRepository campaigns;
    private final ProfileGateway profiles;
    private final OptimizerGateway optimizer;
    private final ContentGateway content;
    private final OutboxFiller filler;
    private final SendOutbox outbox;
    private final AutomationConfig config;
    private final Vertx vertx;

    public CampaignRunner(CampaignRepository campaigns, ProfileGateway profiles, OptimizerGateway optimizer,
            ContentGateway content, OutboxFiller filler, SendOutbox outbox, AutomationConfig config, Vertx vertx) {
        this.campaigns = campaigns;
        this.profiles = profiles;
        this.optimizer = optimizer;
        this.content = content;
        this.filler = filler;
        this.outbox = outbox;
        this.config = config;
        this.vertx = vertx;
    }

    /** Starts the run of a campaign that {@link CampaignRepository#startRun} marked running; returns at once. */
    public void start(Campaign campaign) {
        CampaignRun run = new CampaignRun(campaign);
        activeRuns.put(campaign.id, run);
        Cancellable heartbeat = startHeartbeat(run);
        LOG.infof("Campaign %s: run %s started for segment %s", campaign.id, campaign.runId, campaign.segment);

        Uni.createFrom().deferred(() -> execute(run))
                .onItemOrFailure().transformToUni((ignored, failure) -> finish(run, failure))
                .onTermination().invoke(() -> {
                    heartbeat.cancel();
                    activeRuns.remove(campaign.id, run);
                })
                .subscribe().with(
                        ignored -> { },
                        failure -> LOG.errorf(failure, "Campaign %s: storing the result of run %s failed, so another"
                                + " instance takes the fill over once its lease ends", campaign.id, campaign.runId));
    }

    /** Tells a fill of this instance, if there is one, that its campaign was cancelled. */
    public void cancel(UUID campaignId) {
        CampaignRun run = activeRuns.get(campaignId);
        if (run != null) {
            run.cancel();
        }
    }

    /** Returns the fill progress of a launch of this instance, or null when this instance does not fill the campaign. */
    public Counts fillProgress(UUID campaignId, UUID runId) {
        CampaignRun run = activeRuns.get(campaignId);
        return run != null && run.runId().equals(runId) ? run.progress() : null;
    }

    private Uni<Void> execute(CampaignRun run) {
        String segment = run.campaign().segment;
        return chooseChannel(run)
                .chain(() -> profiles.segment(segment))
                .chain(found -> chooseCopy(run, found.size() == null ? 0 : found.size()))
                .chain(() -> onNewContext(() -> outbox.retryFailed(run.campaignId())))
                .invoke(retried -> {
                    if (retried > 0) {
                        LOG.infof("Campaign %s: %d failed send(s) are due again", run.campaignId(), retried);
                    }
                })
                .chain(() -> filler.fill(run));
    }

    private Uni<Void> chooseChannel(CampaignRun run) {
        Campaign campaign = run.campaign();
        if (campaign.channel != null) {
            // A relaunch keeps the channel of the first launch, so its recipients stay duplicates.
            run.channel(campaign.channel);
            return Uni.createFrom().voidItem();
        }
        if (campaign.requestedChannel != null) {
            run.channel(campaign.requestedChannel);
            return onNewContext(() -> campaigns.saveChannel(campaign.id, campaign.runId, campaign.requestedChannel, null));
        }
        return optimizer.recommendChannel(campaign.segment).chain(recommendation -> {
            LOG.infof("Campaign %s: channel-optimizer recommends %s", campaign.id, recommendation.channel());
            run.channel(recommendation.channel());
            return onNewContext(() -> campaigns.saveChannel(campaign.id, campaign.runId, recommendation.channel(),
                    recommendation.reason()));
        });
    }

    private Uni<Void> chooseCopy(CampaignRun run, int audienceSize) {
        Campaign campaign = run.campaign();
        if (campaign.copy != null) {
            // A relaunch sends the copy of the first launch to the recipients that are left.
            run.copy(campaign.copy);
            return Uni.createFrom().voidItem();
        }
        ContentClient.CopyRequest request = new ContentClient.CopyRequest(campaign.name, campaign.segment,
                run.channel(), campaign.locale, campaign.brief, new ContentClient.Audience(audienceSize, Map.of()));
        return content.generate(request).chain(generated -> {
            LOG.infof("Campaign %s: copy %s from the %s generator with %d warning(s)", campaign.id,
                    generated.copyId(), generated.generator(), generated.warnings() == null ? 0 : generated.warnings().size());
            CopySummary copy = new CopySummary(generated.copyId(), generated.generator(), generated.subject(),
                    generated.body());
            run.copy(copy);
            return onNewContext(() -> campaigns.saveCopy(campaign.id, campaign.runId, copy));
        });
    }

    private Uni<Void> finish(CampaignRun run, Throwable failure) {
        Counts counts = run.progress();
        if (failure == null) {
            LOG.infof("Campaign %s: run %s filled the send outbox: audience=%d, address duplicates=%d%s",
                    run.campaignId(), run.runId(), counts.audience(), counts.duplicates(),
                    run.cancelled() ? " (stopped early because the campaign was cancelled)" : "");
            return onNewContext(() -> campaigns.markFilled(run.campaignId(), run.runId(), counts));
        }
        String error = failure instanceof DependencyException
                ? failure.getMessage()
                : "The run failed unexpectedly (" + RecipientProcessor.redact(String.valueOf(failure.getMessage()))
                        + "). The automation-service log has the details";
        if (failure instanceof DependencyException) {
            LOG.warnf("Campaign %s: run %s failed after %d member(s): %s", run.campaignId(), run.runId(),
                    counts.audience(), error);
        } else {
            LOG.errorf(failure, "Campaign %s: run %s failed after %d member(s)", run.campaignId(), run.runId(),
                    counts.audience());
        }
        return onNewContext(() -> campaigns.finishRun(run.campaignId(), run.runId(), CampaignStatus.FAILED, counts,
                error));
    }

    private Cancellable startHeartbeat(CampaignRun run) {
        return Multi.createFrom().ticks().every(config.run().heartbeatInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> onNewContext(() -> campaigns
                        .saveProgress(run.campaignId(), run.runId(), run.progress()))
                        .invoke(owned -> {
                            // Another instance cancelled the campaign, or a newer launch took it over.
                            if (!owned && !run.cancelled()) {
                                LOG.infof("Campaign %s: run %s stops because the campaign was cancelled or launched"
                                        + " again", run.campaignId(), run.runId());
                                run.cancel();
                            }
                        })
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Campaign %s: storing progress failed: %s", run.campaignId(), failure.getMessage());
                            return null;
                        }))
                .subscribe().with(ignored -> { });
    }

    /**
     * Runs one database operation on a new safe Vert.x duplicated context. A run resumes on REST
     * client, mailer, Kafka and timer threads, some of which have no Vert.x context, and the
     * heartbeat writes while the run writes. A Hibernate Reactive session is bound to one
     * context and is not thread-safe, so each operation gets a context and a session of its own.
     */
    private <T> Uni<T> onNewContext(Supplier<Uni<? extends T>> operation) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().deferred(operation)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
