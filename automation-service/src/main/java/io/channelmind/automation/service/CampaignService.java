package io.channelmind.automation.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import io.channelmind.automation.repository.CampaignRepository;
import io.channelmind.automation.repository.SendLedger;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/** Creates, reads and launches campaigns; the runs themselves belong to {@link CampaignRunner}. */
@ApplicationScoped
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class);
    static final String DEFAULT_LOCALE = "en";

    private final CampaignRepository campaigns;
    private final CampaignRunner runner;
    private final ProfileGateway profiles;
    private final SendLedger ledger;
    private final AutomationConfig config;

    public CampaignService(CampaignRepository campaigns, CampaignRunner runner, ProfileGateway profiles,
            SendLedger ledger, AutomationConfig config) {
        this.campaigns = campaigns;
        this.runner = runner;
        this.profiles = profiles;
        this.ledger = ledger;
        this.config = config;
    }

    /**
     * Stores a draft campaign after checking that profile-service has the segment; a null
     * channel means channel-optimizer chooses it at launch. Fails with a 422 problem for an
     * unknown segment and a 503 problem when profile-service does not respond.
     */
    public Uni<Campaign> create(String name, String segment, String channel, String locale, Brief brief) {
        Campaign campaign = Campaign.draft(name.trim(), segment, channel, locale == null ? DEFAULT_LOCALE : locale, brief,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return validateSegment(segment)
                .chain(() -> campaigns.insert(campaign))
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

    /** Returns the campaign or fails with a 404 problem. */
    public Uni<Campaign> get(String id) {
        UUID campaignId = parseId(id);
        return campaigns.find(campaignId)
                .map(campaign -> present(campaign, id));
    }

    public Uni<List<Campaign>> list() {
        return campaigns.list()
                .map(found -> found.stream().map(campaign -> present(campaign, campaign.id.toString())).toList());
    }

    /**
     * Marks the campaign running and starts its run in the background. Fails with a 404
     * problem for an unknown id and a 409 problem while another run owns the campaign.
     */
    public Uni<Campaign> launch(String id) {
        return launch(id, SendKeys.INITIAL_STEP);
    }

    /**
     * Launches like {@link #launch(String)}, keying each send by {@code step}, so a run under a new
     * step reaches every recipient again while a second run under the same step sends nothing new.
     * Recurring campaigns pass one step per occurrence, from {@link SendKeys#occurrenceStep}.
     */
    public Uni<Campaign> launch(String id, String step) {
        UUID campaignId = parseId(id);
        UUID runId = UUID.randomUUID();
        return campaigns.startRun(campaignId, runId, config.run().lease()).chain(started -> {
            if (started != null) {
                runner.start(started, step);
                return Uni.createFrom().item(started);
            }
            return campaigns.find(campaignId).map(existing -> {
                if (existing == null) {
                    throw notFound(id);
                }
                if (existing.status == CampaignStatus.CANCELLED) {
                    throw Problem.of(409, "campaign-cancelled", "Campaign is cancelled")
                            .detail("Campaign " + id + " was cancelled and cannot be launched again. Create a new campaign")
                            .toException();
                }
                throw Problem.of(409, "campaign-running", "Campaign is running")
                        .detail("Campaign " + id + " has been running since " + existing.startedAt
                                + ". Wait until its status is completed or failed, then launch it again")
                        .with("startedAt", String.valueOf(existing.startedAt))
                        .toException();
            });
        });
    }

    /**
     * Cancels a draft or running campaign: a running one skips its remaining members with
     * reason {@code cancelled}, on whichever instance runs it. Fails with a 404 problem for an
     * unknown id and a 409 problem when the campaign already ended.
     */
    public Uni<Campaign> cancel(String id) {
        UUID campaignId = parseId(id);
        return campaigns.cancel(campaignId).chain(cancelled -> {
            if (cancelled) {
                runner.cancel(campaignId);
                LOG.infof("Campaign %s cancelled", campaignId);
            }
            return campaigns.find(campaignId).map(campaign -> {
                if (campaign == null) {
                    throw notFound(id);
                }
                if (!cancelled) {
                    throw Problem.of(409, "campaign-ended", "Campaign already ended")
                            .detail("Campaign " + id + " is " + campaign.status.wireName() + ", so there is nothing"
                                    + " to cancel")
                            .with("campaignStatus", campaign.status.wireName())
                            .toException();
                }
                return present(campaign, id);
            });
        });
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

    private Campaign present(Campaign campaign, String id) {
        if (campaign == null) {
            throw notFound(id);
        }
        if (campaign.status != CampaignStatus.RUNNING) {
            return campaign;
        }
        Counts live = runner.liveCounts(campaign.id, campaign.runId);
        if (live != null) {
            return campaign.withCounts(live);
        }
        if (campaign.lost(config.run().lease())) {
            return campaign.withOutcome(CampaignStatus.FAILED, "The run stopped reporting progress, probably because"
                    + " its automation-service instance stopped. Launch the campaign again to finish it. Recipients"
                    + " that already have a send get no second message");
        }
        return campaign;
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
