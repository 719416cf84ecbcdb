package io.channelmind.automation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A stored campaign with the counts of its latest launch. {@code channel} is the channel of
 * the latest launch (null before the first launch chose one), {@code recommendationReason} is
 * set only when channel-optimizer chose it, and {@code copy} is null until content-service
 * wrote it.
 */
@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    public UUID id;

    public String name;
    public String segment;
    public String locale;

    @Column(name = "requested_channel")
    public String requestedChannel;

    @JdbcTypeCode(SqlTypes.JSON)
    public Brief brief;

    @Convert(converter = CampaignStatusConverter.class)
    public CampaignStatus status;

    public String channel;

    @Column(name = "recommendation_reason")
    public String recommendationReason;

    @Embedded
    public CopySummary copy;

    /** Identifier of the current launch. Updates made for a run name it, so a stale run cannot overwrite a newer one. */
    @Column(name = "run_id")
    public UUID runId;

    public int launches;

    /** Step part of the idempotency keys of the latest launch's sends. */
    @Column(name = "launch_step")
    public String launchStep = "initial";

    @Embedded
    public Counts counts = Counts.empty();

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Time of the running instance's latest heartbeat, from the database clock. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    public String error;

    /** Start time of a scheduled campaign; null for a campaign launched by hand. */
    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    /** Daily window in which sends are allowed; null for no window. */
    @Embedded
    public SendWindow sendWindow;

    /** When the latest launch finished writing every member into the send outbox; null while it fills. */
    @Column(name = "filled_at")
    public Instant filledAt;

    /**
     * Database time when the row was read, so a heartbeat is compared with the clock that wrote
     * it. Null for a campaign that was not read from the database.
     */
    @Formula("now()")
    public Instant readAt;

    /** Builds a draft campaign with a random id. A null requested channel means channel-optimizer chooses one at launch. */
    public static Campaign draft(String name, String segment, String requestedChannel, String locale, Brief brief,
            SendWindow sendWindow, Instant createdAt) {
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID();
        campaign.name = name;
        campaign.segment = segment;
        campaign.locale = locale;
        campaign.requestedChannel = requestedChannel;
        campaign.brief = brief;
        campaign.sendWindow = sendWindow;
        campaign.status = CampaignStatus.DRAFT;
        campaign.createdAt = createdAt;
        return campaign;
    }

    /**
     * Returns true when the campaign is running, its outbox is not filled yet and the filling
     * instance has sent no heartbeat within the lease, which means that instance stopped.
     */
    public boolean lost(Duration lease) {
        return status == CampaignStatus.RUNNING && filledAt == null && heartbeatAt != null && readAt != null
                && heartbeatAt.isBefore(readAt.minus(lease));
    }

    /**
     * Returns true when a launch may start now: the campaign is a draft, scheduled, completed
     * or failed, or it is running with a fill whose instance stopped.
     */
    public boolean launchable(Duration lease) {
        return switch (status) {
            case DRAFT, SCHEDULED, COMPLETED, FAILED -> true;
            case RUNNING -> lost(lease);
            case PAUSED, CANCELLED -> false;
        };
    }

    /**
     * Marks the campaign running under a new run id, counts the launch and resets the counts.
     * The start and heartbeat times are {@link #readAt}, the database clock.
     */
    public void startRun(UUID newRunId, String step) {
        if (step != null) {
            launchStep = step;
        }
        status = CampaignStatus.RUNNING;
        runId = newRunId;
        launches++;
        startedAt = readAt;
        finishedAt = null;
        heartbeatAt = readAt;
        filledAt = null;
        error = null;
        counts = Counts.empty();
    }

    /** Returns an unmanaged copy with other counts, so a response can show live counts without touching the row. */
    public Campaign withCounts(Counts newCounts) {
        Campaign other = detachedCopy();
        other.counts = newCounts;
        return other;
    }

    /** Returns an unmanaged copy with another status and error, so a response can show an outcome without touching the row. */
    public Campaign withOutcome(CampaignStatus newStatus, String newError) {
        Campaign other = detachedCopy();
        other.status = newStatus;
        other.error = newError;
        return other;
    }

    private Campaign detachedCopy() {
        Campaign other = new Campaign();
        other.id = id;
        other.name = name;
        other.segment = segment;
        other.locale = locale;
        other.requestedChannel = requestedChannel;
        other.brief = brief;
        other.status = status;
        other.channel = channel;
        other.recommendationReason = recommendationReason;
        other.copy = copy;
        other.runId = runId;
        other.launches = launches;
        other.launchStep = launchStep;
        other.counts = counts;
        other.createdAt = createdAt;
        other.startedAt = startedAt;
        other.finishedAt = finishedAt;
        other.heartbeatAt = heartbeatAt;
        other.error = error;
        other.readAt = readAt;
        other.scheduledAt = scheduledAt;
        other.sendWindow = sendWindow;
        other.filledAt = filledAt;
        return other;
    }
}
