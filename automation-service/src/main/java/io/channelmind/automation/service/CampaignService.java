package io.channelmind.automation.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.client.DependencyException;
import io.channelmind.automation.client.ProfileGateway;
import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.domain.Brief;
import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.domain.CampaignStatus;
import io.channelmind.automation.domain.Counts;
import io.channelmind.automation.domain.SendWindow;
import io.channelmind.automation.repository.CampaignRepository;
import io.channelmind.automation.repository.SendLedger;
import io.channelmind.automation.repository.SendOutbox;
import io.channelmind.web.Problem;
import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Creates, reads, launches, schedules, pauses, resumes and cancels campaigns; launches run in {@link CampaignRunner}. */
@ApplicationScoped
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class);
    /** Entity type of campaigns in the audit log. */
    static final String ENTITY = "campaign";
    static final String DEFAULT_LOCALE = "en";

    private final CampaignRepository campaigns;
    private final CampaignRunner runner;
    private final ProfileGateway profiles;
    private final SendLedger ledger;
    private final SendOutbox outbox;
    private final AutomationConfig config;
    private final AuditLog audit;

    public CampaignService(CampaignRepository campaigns, CampaignRunner runner, ProfileGateway profiles,
            SendLedger ledger, SendOutbox outbox, AutomationConfig config, AuditLog audit) {
        this.campaigns = campaigns;
        this.runner = runner;
        this.profiles = profiles;
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config;
        this.audit = audit;
    }

    /**
     * Stores a draft campaign after checking that profile-service has the segment; a null
     * channel means channel-optimizer chooses it at launch. Fails with a 422 problem for an
     * unknown segment and a 503 problem when profile-service does not respond.
     */
    public Uni<Campaign> create(String name, String segment, String channel, String locale, Brief brief,
            SendWindow sendWindow) {
        Campaign campaign = Campaign.draft(name.trim(), segment, channel, locale == null ? DEFAULT_LOCALE : locale, brief,
                sendWindow, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return validateSegment(segment)
                .chain(() -> Panache.withTransaction(() -> campaigns.insert(campaign)
                        .call(() -> audit.record(AuditAction.CREATED, ENTITY, campaign.id.toString(), null,
                                CampaignAudit.of(campaign)))))
                .invoke(() -> LOG.infof("Campaign %s created for segment %s", campaign.id, segment))
                .replaceWith(campaign);
    }

    /**
     * Returns the current member count of the segment. Fails with a 422 problem when
     * profile-service has no such segment and a 503 problem when it does not respond.
     */
    public Uni<Integer> validateSegment(String segment) {
        return profiles.segment(segment)
                .map(found -> found.size() == null ? 0 : found.size())
                .onFailure(DependencyException.class).transform(failure -> {
                    DependencyException dependency = (DependencyException) failure;
                    if (dependency.httpStatus() == 404) {
                        return Problem.of(422, "segment-not-found", "Segment not found")
                                .detail("profile-service has no segment named '" + segment + "', so the campaign would"
                                        + " have no audience")
                                .error("segment", segment, "Use a segment listed by GET /api/v1/segments on"
                                        + " profile-service, or create it there first")
                                .toException();
                    }
                    return Problem.of(503, "dependency-unavailable", "Segment could not be checked")
                            .detail(dependency.getMessage() + ". Try again when profile-service answers")
                            .toException();
                });
    }

    /** A campaign's status in the audit log. */
    record StatusAudit(String status) {
    }

    /** The start time and send window of a scheduled campaign in the audit log. */
    record ScheduleAudit(Instant startAt, SendWindow sendWindow) {
    }

    /** A campaign's definition and status in the audit log; counts and run details are left out. */
    record CampaignAudit(String name, String segment, String requestedChannel, String channel, String locale,
            Brief brief, SendWindow sendWindow, String status, String launchStep) {

        static CampaignAudit of(Campaign campaign) {
            return new CampaignAudit(campaign.name, campaign.segment, campaign.requestedChannel, campaign.channel,
                    campaign.locale, campaign.brief, campaign.sendWindow, campaign.status.wireName(),
                    campaign.launchStep);
        }
    }

    /** A campaign with the tally of its sends by state. */
    public record CampaignState(Campaign campaign, SendLedger.Tally tally) {
    }

    /** Returns the campaign with counts from the send table, or fails with a 404 problem. */
    public Uni<CampaignState> get(String id) {
        UUID campaignId = parseId(id);
        return campaigns.find(campaignId).chain(campaign -> {
            if (campaign == null) {
                throw notFound(id);
            }
            return ledger.tally(List.of(campaignId)).map(tallies -> present(campaign, tallies));
        });
    }

    public Uni<List<CampaignState>> list() {
        return campaigns.list().chain(found -> ledger.tally(found.stream().map(campaign -> campaign.id).toList())
                .map(tallies -> found.stream().map(campaign -> present(campaign, tallies)).toList()));
    }

    /**
     * Marks the campaign running and starts its launch in the background. A completed or
     * failed campaign may be launched again: its failed sends are retried and members without
     * a send are added. Fails with a 404 problem for an unknown id and a 422 problem while the
     * campaign is running, paused or cancelled.
     */
    public Uni<CampaignState> launch(String id) {
        return launch(id, null);
    }

    /**
     * Launches like {@link #launch(String)}, keying each send by {@code step}, so a launch under a
     * new step reaches every recipient again while a second launch under the same step sends
     * nothing new. Recurring campaigns pass one step per occurrence, from
     * {@link SendKeys#occurrenceStep}; a null step keeps the step of the latest launch.
     */
    public Uni<CampaignState> launch(String id, String step) {
        UUID campaignId = parseId(id);
        return startLaunch(campaignId, step).chain(started -> {
            if (started != null) {
                return Uni.createFrom().item(new CampaignState(started, SendLedger.Tally.EMPTY));
            }
            return campaigns.find(campaignId).map(existing -> {
                if (existing == null) {
                    throw notFound(id);
                }
                throw invalidTransition(existing, "launch", "Wait until it is completed or failed, resume a paused"
                        + " campaign, or create a new campaign in place of a cancelled one");
            });
        });
    }

    /**
     * Starts a launch when the campaign may be launched now, and returns the running campaign,
     * or a null item when it may not. The scheduler calls it for due scheduled campaigns and
     * for fills whose instance stopped.
     */
    public Uni<Campaign> startLaunch(UUID campaignId) {
        return startLaunch(campaignId, null);
    }

    /** Starts the run after its transaction, with the audit entry, has committed, so the runner sees the new run. */
    private Uni<Campaign> startLaunch(UUID campaignId, String step) {
        return Panache.withTransaction(() -> campaigns.startRun(campaignId, UUID.randomUUID(), config.run().lease(), step)
                .call(started -> started == null ? Uni.createFrom().voidItem()
                        : audit.record(AuditAction.LAUNCHED, ENTITY, campaignId.toString(), null,
                                CampaignAudit.of(started))))
                .invoke(started -> {
                    if (started != null) {
                        runner.start(started);
                    }
                });
    }

    /**
     * Schedules a draft campaign to launch at {@code startAt}, optionally with a send window.
     * Fails with a 422 problem when the start time is in the past or the campaign has started.
     */
    public Uni<CampaignState> schedule(String id, Instant startAt, SendWindow sendWindow) {
        UUID campaignId = parseId(id);
        if (startAt.isBefore(Instant.now().minusSeconds(60))) {
            throw Problem.of(422, "start-in-past", "Start time is in the past")
                    .detail("The start time " + startAt + " has passed. Launch the campaign now with POST"
                            + " /api/v1/campaigns/" + id + "/launch, or give a future time")
                    .error("startAt", startAt.toString(), "Use a future ISO-8601 time such as 2030-01-31T09:00:00Z")
                    .toException();
        }
        return Panache.withTransaction(() -> campaigns.schedule(campaignId, startAt)
                .call(scheduled -> scheduled && sendWindow != null
                        ? campaigns.saveSendWindow(campaignId, sendWindow)
                        : Uni.createFrom().voidItem())
                .call(scheduled -> scheduled ? audit.record(AuditAction.SCHEDULED, ENTITY, id, null,
                        new ScheduleAudit(startAt, sendWindow)) : Uni.createFrom().voidItem()))
                .chain(scheduled -> afterTransition(id, scheduled, "schedule",
                        "Only a draft or scheduled campaign can be scheduled. Launch it again instead"))
                .invoke(() -> LOG.infof("Campaign %s scheduled for %s", campaignId, startAt));
    }

    /** Pauses a running campaign: the drainers leave its pending sends until it is resumed. Fails with a 422 problem otherwise. */
    public Uni<CampaignState> pause(String id) {
        UUID campaignId = parseId(id);
        return transition(campaignId, CampaignStatus.RUNNING, CampaignStatus.PAUSED, AuditAction.PAUSED)
                .chain(paused -> afterTransition(id, paused, "pause", "Only a running campaign can be paused"))
                .invoke(() -> LOG.infof("Campaign %s paused", campaignId));
    }

    /** Resumes a paused campaign. Fails with a 422 problem when it is not paused. */
    public Uni<CampaignState> resume(String id) {
        UUID campaignId = parseId(id);
        return transition(campaignId, CampaignStatus.PAUSED, CampaignStatus.RUNNING, AuditAction.RESUMED)
                .chain(resumed -> afterTransition(id, resumed, "resume", "Only a paused campaign can be resumed"))
                .invoke(() -> LOG.infof("Campaign %s resumed", campaignId));
    }

    /**
     * Cancels a draft, scheduled, running or paused campaign: its pending sends become skipped
     * with reason {@code cancelled}, except those a drainer is sending at that moment, which
     * finish first. Fails with a 404 problem for an unknown id and a 422 problem when the
     * campaign already ended.
     */
    public Uni<CampaignState> cancel(String id) {
        UUID campaignId = parseId(id);
        return Panache.withTransaction(() -> campaigns.cancel(campaignId)
                .call(cancelled -> cancelled ? audit.record(AuditAction.CANCELLED, ENTITY, id, null,
                        new StatusAudit(CampaignStatus.CANCELLED.wireName())) : Uni.createFrom().voidItem()))
                .call(cancelled -> cancelled ? ledgerCancel(campaignId) : Uni.createFrom().voidItem())
                .chain(cancelled -> afterTransition(id, cancelled, "cancel",
                        "A completed, failed or cancelled campaign has nothing left to cancel"));
    }

    /** Moves the campaign between statuses and records the change in the same transaction. */
    private Uni<Boolean> transition(UUID campaignId, CampaignStatus from, CampaignStatus to, AuditAction action) {
        return Panache.withTransaction(() -> campaigns.transition(campaignId, from, to)
                .call(changed -> changed ? audit.record(action, ENTITY, campaignId.toString(),
                        new StatusAudit(from.wireName()), new StatusAudit(to.wireName())) : Uni.createFrom().voidItem()));
    }

    private Uni<Integer> ledgerCancel(UUID campaignId) {
        runner.cancel(campaignId);
        return outbox.cancelPending(campaignId, CampaignRunner.CANCELLED)
                .invoke(skipped -> LOG.infof("Campaign %s cancelled; %d pending send(s) skipped", campaignId, skipped));
    }

    private Uni<CampaignState> afterTransition(String id, boolean changed, String action, String fix) {
        return get(id).map(state -> {
            if (!changed) {
                throw invalidTransition(state.campaign(), action, fix);
            }
            return state;
        });
    }

    private static RuntimeException invalidTransition(Campaign campaign, String action, String fix) {
        String status = campaign.status.wireName();
        return Problem.of(422, "invalid-campaign-transition", "Campaign cannot " + action + " now")
                .detail("Campaign " + campaign.id + " is " + status + ", so it cannot " + action + ". " + fix)
                .error("status", status, fix)
                .with("campaignStatus", status)
                .toException();
    }

    /**
     * Returns the sends of one recipient in the campaign. Fails with a 404 problem for an
     * unknown campaign, and returns an empty list for a profile that has no send, which is the
     * case for skipped members and for members that the run has not reached yet.
     */
    public Uni<List<SendLedger.SendRecord>> recipientHistory(String id, String profileKey) {
        UUID campaignId = parseId(id);
        return campaigns.find(campaignId).chain(campaign -> {
            if (campaign == null) {
                throw notFound(id);
            }
            return ledger.history(campaignId, profileKey);
        });
    }

    /**
     * Combines the stored campaign with the counts of its send rows. A launch that is still
     * filling shows its live progress when this instance runs it.
     */
    private CampaignState present(Campaign campaign, Map<UUID, SendLedger.Tally> tallies) {
        SendLedger.Tally tally = tallies.getOrDefault(campaign.id, SendLedger.Tally.EMPTY);
        Counts stored = campaign.counts;
        Counts progress = campaign.filledAt == null ? runner.fillProgress(campaign.id, campaign.runId) : null;
        int audience = progress != null ? progress.audience() : stored.audience();
        int duplicates = progress != null ? progress.duplicates() : stored.duplicates();
        int processed = tally.sent() + tally.skippedTotal() + tally.failed() + duplicates;
        Counts counts = new Counts(audience, processed, tally.sent(), tally.skipped(), duplicates, tally.failed());
        return new CampaignState(campaign.withCounts(counts), tally);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static RuntimeException notFound(String id) {
        return Problem.of(404, "campaign-not-found", "Campaign not found")
                .detail("No campaign has the id '" + id + "'")
                .error("id", id, "Use an id returned by POST /api/v1/campaigns or listed by GET /api/v1/campaigns")
                .toException();
    }
}
