package io.channelmind.automation.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import io.channelmind.automation.client.ProfileClient;
import io.channelmind.automation.client.ProfileGateway;
import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CampaignStatus;
import io.channelmind.automation.domain.CopySummary;
import io.channelmind.automation.domain.Counts;
import io.channelmind.automation.repository.CampaignRepository;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs launched campaigns in the background: chooses the channel, gets the copy, pages
 * through the segment with a bounded number of sends in flight, and stores the result. A run stores its counts at every heartbeat,
 * so progress and counts survive a restart.
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
    private final RecipientProcessor recipients;
    private final AutomationConfig config;
    private final Vertx vertx;

    public CampaignRunner(CampaignRepository campaigns, ProfileGateway profiles, OptimizerGateway optimizer,
            ContentGateway content, RecipientProcessor recipients, AutomationConfig config, Vertx vertx) {
        this.campaigns = campaigns;
        this.profiles = profiles;
        this.optimizer = optimizer;
        this.content = content;
        this.recipients = recipients;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * Starts the run of a campaign that {@link CampaignRepository#startRun} marked running, keying its
     * sends by {@code step}; returns at once.
     */
    public void start(Campaign campaign, String step) {
        CampaignRun run = new CampaignRun(campaign, step);
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
                        failure -> LOG.errorf(failure, "Campaign %s: storing the result of run %s failed, so the campaign"
                                + " reads as failed once its lease ends", campaign.id, campaign.runId));
    }

    /** Tells a run of this instance, if there is one, that its campaign was cancelled. */
    public void cancel(UUID campaignId) {
        CampaignRun run = activeRuns.get(campaignId);
        if (run != null) {
            run.cancel();
        }
    }

    /** Returns the live counts of a run of this instance, or null when this instance does not run the campaign. */
    public Counts liveCounts(UUID campaignId, UUID runId) {
        CampaignRun run = activeRuns.get(campaignId);
        return run != null && run.runId().equals(runId) ? run.counts().snapshot() : null;
    }

    private Uni<Void> execute(CampaignRun run) {
        String segment = run.campaign().segment;
        return chooseChannel(run)
                .chain(() -> profiles.segment(segment))
                .invoke(found -> run.counts().audience(found.size() == null ? 0 : found.size()))
                .chain(found -> chooseCopy(run, found.size() == null ? 0 : found.size()))
                .chain(() -> sendToAudience(run));
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

    private Uni<Void> sendToAudience(CampaignRun run) {
        String segment = run.campaign().segment;
        int pageSize = config.audience().pageSize();
        return Multi.createBy().repeating()
                .uni(PageCursor::new, cursor -> profiles.members(segment, cursor.after, pageSize)
                        .invoke(page -> cursor.advance(segment, page)))
                .whilst(page -> page.next() != null)
                .onItem().transformToIterable(page -> page.members() == null ? List.<ProfileClient.Member>of() : page.members())
                .onItem().transformToUni(member -> processOrDefer(run, member))
                .merge(config.send().concurrency())
                .collect().last()
                .replaceWithVoid()
                .chain(() -> sendDeferred(run));
    }

    private Uni<Void> processOrDefer(CampaignRun run, ProfileClient.Member member) {
        if (run.cancelled()) {
            run.counts().skipped(CANCELLED);
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        Instant allowed = recipients.allowedAt(member, now);
        if (allowed.isAfter(now)) {
            run.defer(member, allowed);
            return Uni.createFrom().voidItem();
        }
        return recipients.process(run, member);
    }

    /**
     * Sends to the members that were inside their quiet hours, each when their quiet hours end,
     * earliest first. The run, and so the campaign, stays running until the last one is
     * processed.
     *
     * <p>NOTE: deferred members wait in memory. If the instance stops, the run reads as failed
     * after its lease, and launching the campaign again pages the segment and defers them anew.
     */
    private Uni<Void> sendDeferred(CampaignRun run) {
        List<CampaignRun.Deferred> deferred = run.takeDeferred();
        if (deferred.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("Campaign %s: %d member(s) are inside their quiet hours; the first send is due at %s",
                run.campaignId(), deferred.size(), deferred.get(0).due());
        return Multi.createFrom().iterable(deferred)
                .onItem().transformToUni(waiting -> Uni.createFrom().voidItem()
                        .onItem().delayIt().by(delayUntil(waiting.due()))
                        .chain(() -> processOrDefer(run, waiting.member())))
                .merge(config.send().concurrency())
                .collect().last()
                .replaceWithVoid()
                .chain(() -> sendDeferred(run));
    }

    /** Returns the time until {@code due}, at least 1 ms because Mutiny rejects a zero delay. */
    private static Duration delayUntil(Instant due) {
        Duration delay = Duration.between(Instant.now(), due);
        return delay.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : delay;
    }

    private Uni<Void> finish(CampaignRun run, Throwable failure) {
        Counts counts = run.counts().snapshot();
        if (failure == null) {
            // Every member was processed, so the final audience is the number of members paged through.
            Counts finalCounts = new Counts(counts.processed(), counts.processed(), counts.sent(), counts.skipped(),
                    counts.duplicates(), counts.failed());
            String error = counts.failed() == 0 ? null
                    : counts.failed() + " of " + counts.processed() + " sends failed. Launch the campaign again to retry them";
            LOG.infof("Campaign %s: run %s completed: audience=%d sent=%d skipped=%s duplicates=%d failed=%d",
                    run.campaignId(), run.runId(), finalCounts.audience(), counts.sent(), counts.skipped(),
                    counts.duplicates(), counts.failed());
            return onNewContext(() -> campaigns.finishRun(run.campaignId(), run.runId(), CampaignStatus.COMPLETED,
                    finalCounts, error));
        }
        String error = failure instanceof DependencyException
                ? failure.getMessage()
                : "The run failed unexpectedly (" + RecipientProcessor.redact(String.valueOf(failure.getMessage()))
                        + "). The automation-service log has the details";
        if (failure instanceof DependencyException) {
            LOG.warnf("Campaign %s: run %s failed after %d member(s): %s", run.campaignId(), run.runId(),
                    counts.processed(), error);
        } else {
            LOG.errorf(failure, "Campaign %s: run %s failed after %d member(s)", run.campaignId(), run.runId(),
                    counts.processed());
        }
        return onNewContext(() -> campaigns.finishRun(run.campaignId(), run.runId(), CampaignStatus.FAILED, counts,
                error));
    }

    private Cancellable startHeartbeat(CampaignRun run) {
        return Multi.createFrom().ticks().every(config.run().heartbeatInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> onNewContext(() -> campaigns
                        .saveProgress(run.campaignId(), run.runId(), run.counts().snapshot()))
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

    /** Position in the member pages of a segment. */
    private static final class PageCursor {

        private String after;

        void advance(String segment, ProfileClient.MembersPage page) {
            if (page.next() != null && page.next().equals(after)) {
                throw DependencyException.invalidResponse("profile-service", "GET /api/v1/segments/" + segment
                        + "/members", "the page after '" + after + "' points at itself as the next page");
            }
            after = page.next();
        }
    }
}
