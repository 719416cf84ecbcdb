package io.channelmind.automation.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CampaignStatus;
import io.channelmind.automation.domain.CopySummary;
import io.channelmind.automation.domain.Counts;
import io.channelmind.automation.domain.SendWindow;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Stores campaigns and the counts of their latest launch. Updates made on behalf of a run
 * name its run id, so a lost run that wakes up cannot overwrite a newer launch. Each method
 * uses the Hibernate Reactive session of the current Vert.x duplicated context, or opens one,
 * so two calls must not run at once on the same context.
 */
@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<Campaign, UUID> {

    // HQL's instant renders as current_timestamp, the database clock that Campaign.readAt also reads.
    private static final String SAVE_PROGRESS = """
            update Campaign set counts.audience = :audience, counts.processed = :processed, counts.sent = :sent,
                counts.duplicates = :duplicates, counts.failed = :failed, counts.skipped = :skipped,
                heartbeatAt = instant
            where id = :id and runId = :runId and status in (:running, :paused)
            """;
    private static final String MARK_FILLED = """
            update Campaign set counts.audience = :audience, counts.duplicates = :duplicates, filledAt = instant,
                heartbeatAt = instant, finishedAt = case when status = :cancelled then instant else finishedAt end
            where id = :id and runId = :runId
            """;
    // A campaign cancelled while its run finished stays cancelled.
    private static final String FINISH_RUN = """
            update Campaign set counts.audience = :audience, counts.processed = :processed, counts.sent = :sent,
                counts.duplicates = :duplicates, counts.failed = :failed, counts.skipped = :skipped,
                status = case when status = :cancelled then status else :status end,
                error = :error, finishedAt = instant, heartbeatAt = instant
            where id = :id and runId = :runId
            """;
    // A launch that is still filling sets the finish time when it stops; otherwise it is now.
    private static final String CANCEL = """
            update Campaign set status = :cancelled,
                finishedAt = case when status in (:draft, :scheduled) or filledAt is not null then instant
                    else finishedAt end
            where id = :id and status in (:draft, :scheduled, :running, :paused)
            """;
    private static final String TRANSITION = """
            update Campaign set status = :to where id = :id and status = :from
            """;
    private static final String SCHEDULE = """
            update Campaign set status = :scheduled, scheduledAt = :startAt
            where id = :id and status in (:draft, :scheduled)
            """;

    @WithTransaction
    public Uni<Void> insert(Campaign campaign) {
        return persist(campaign).replaceWithVoid();
    }

    /** Returns the campaign, or a null item when no campaign has the id. */
    @WithSession
    public Uni<Campaign> find(UUID id) {
        return findById(id);
    }

    @WithSession
    public Uni<List<Campaign>> list() {
        return listAll(Sort.by("createdAt").and("id"));
    }

    /**
     * Marks the campaign running under a new run id and resets its counts, unless another run
     * owns it (status running with a heartbeat younger than the lease). The row stays locked
     * until the transaction ends, so of two concurrent launches only one starts a run.
     * Returns the updated campaign, or a null item when the id is unknown or another run owns it.
     */
    @WithTransaction
    public Uni<Campaign> startRun(UUID id, UUID runId, Duration lease, String step) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).map(campaign -> {
            if (campaign == null || !campaign.launchable(lease)) {
                return null;
            }
            campaign.startRun(runId, step);
            return campaign;
        });
    }

    @WithTransaction
    public Uni<Void> saveChannel(UUID id, UUID runId, String channel, String recommendationReason) {
        String hql = "update Campaign set channel = :channel, recommendationReason = :reason where id = :id and runId = :runId";
        Parameters values = Parameters.with("id", id)
                .and("runId", runId)
                .and("channel", channel)
                .and("reason", recommendationReason);
        return update(hql, values).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> saveCopy(UUID id, UUID runId, CopySummary copy) {
        String hql = """
                update Campaign set copy.copyId = :copyId, copy.generator = :generator, copy.subject = :subject,
                    copy.body = :body
                where id = :id and runId = :runId
                """;
        Parameters values = Parameters.with("id", id)
                .and("runId", runId)
                .and("copyId", copy.copyId())
                .and("generator", copy.generator())
                .and("subject", copy.subject())
                .and("body", copy.body());
        return update(hql, values).replaceWithVoid();
    }

    /**
     * Stores the counts of a running launch and renews its heartbeat. Returns false when the
     * run no longer owns a running campaign, because it was cancelled or launched anew.
     */
    @WithTransaction
    public Uni<Boolean> saveProgress(UUID id, UUID runId, Counts counts) {
        Parameters values = countsParameters(id, runId, counts).and("running", CampaignStatus.RUNNING)
                .and("paused", CampaignStatus.PAUSED);
        return update(SAVE_PROGRESS, values).map(updated -> updated > 0);
    }

    /**
     * Records that the launch wrote every member into the send outbox, with the number of
     * members and of address duplicates. From then on the campaign completes once no row is pending.
     */
    @WithTransaction
    public Uni<Void> markFilled(UUID id, UUID runId, Counts counts) {
        Parameters values = Parameters.with("id", id)
                .and("runId", runId)
                .and("audience", counts.audience())
                .and("duplicates", counts.duplicates())
                .and("cancelled", CampaignStatus.CANCELLED);
        return update(MARK_FILLED, values).replaceWithVoid();
    }

    /** Moves the campaign from one status to another; returns false when it was not in {@code from}. */
    @WithTransaction
    public Uni<Boolean> transition(UUID id, CampaignStatus from, CampaignStatus to) {
        return update(TRANSITION, Parameters.with("id", id).and("from", from).and("to", to)).map(updated -> updated > 0);
    }

    /** Schedules a draft or scheduled campaign to start at {@code startAt}; returns false in any other status. */
    @WithTransaction
    public Uni<Boolean> schedule(UUID id, Instant startAt) {
        Parameters values = Parameters.with("id", id)
                .and("startAt", startAt)
                .and("scheduled", CampaignStatus.SCHEDULED)
                .and("draft", CampaignStatus.DRAFT);
        return update(SCHEDULE, values).map(updated -> updated > 0);
    }

    /** Stores the send window of a campaign that has not started yet. */
    @WithTransaction
    public Uni<Void> saveSendWindow(UUID id, SendWindow window) {
        return findById(id).invoke(campaign -> campaign.sendWindow = window).replaceWithVoid();
    }

    /**
     * Returns the ids of the campaigns that need a launch now: scheduled campaigns whose start
     * time has passed, and running campaigns whose fill has sent no heartbeat within {@code lease}.
     */
    @WithSession
    public Uni<List<UUID>> dueForLaunch(Duration lease) {
        String hql = """
                select id from Campaign
                where (status = :scheduled and scheduledAt <= instant)
                   or (status = :running and filledAt is null and heartbeatAt < :staleBefore)
                """;
        return getSession().chain(session -> session.createSelectionQuery(hql, UUID.class)
                .setParameter("scheduled", CampaignStatus.SCHEDULED)
                .setParameter("running", CampaignStatus.RUNNING)
                .setParameter("staleBefore", Instant.now().minus(lease))
                .getResultList());
    }

    /** Ends a launch with its final status, counts and error (null when there is none); a cancelled campaign stays cancelled. */
    @WithTransaction
    public Uni<Void> finishRun(UUID id, UUID runId, CampaignStatus status, Counts counts, String error) {
        Parameters values = countsParameters(id, runId, counts).and("status", status).and("error", error)
                .and("cancelled", CampaignStatus.CANCELLED);
        return update(FINISH_RUN, values).replaceWithVoid();
    }

    /**
     * Marks a draft, scheduled, running or paused campaign cancelled. Returns false when the
     * campaign is unknown or already completed, failed or cancelled. A launch that is still
     * filling notices it at its next heartbeat and sets the finish time when it stops.
     */
    @WithTransaction
    public Uni<Boolean> cancel(UUID id) {
        Parameters values = Parameters.with("id", id)
                .and("cancelled", CampaignStatus.CANCELLED)
                .and("draft", CampaignStatus.DRAFT)
                .and("scheduled", CampaignStatus.SCHEDULED)
                .and("running", CampaignStatus.RUNNING)
                .and("paused", CampaignStatus.PAUSED);
        return update(CANCEL, values).map(updated -> updated > 0);
    }

    private static Parameters countsParameters(UUID id, UUID runId, Counts counts) {
        return Parameters.with("id", id)
                .and("runId", runId)
                .and("audience", counts.audience())
                .and("processed", counts.processed())
                .and("sent", counts.sent())
                .and("duplicates", counts.duplicates())
                .and("failed", counts.failed())
                .and("skipped", counts.skipped());
    }
}
