package io.channelmind.automation.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.client.DependencyException;
import io.channelmind.automation.client.ProfileClient;
import io.channelmind.automation.client.ProfileClient.Member;
import io.channelmind.automation.client.ProfileGateway;
import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.domain.Campaign;
import io.channelmind.automation.feedback.FeedbackLinks;
import io.channelmind.automation.repository.SendOutbox;
import io.channelmind.automation.repository.SendOutbox.FillTarget;
import io.channelmind.automation.repository.SendOutbox.NewSend;
import io.channelmind.automation.service.RecipientRules.Decision;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Writes a campaign's audience into the send outbox, one profile-service page at a time with
 * one multi-row insert per page, so memory stays flat whatever the segment size. Members that
 * fail the audience rules (no address, no consent, no connector) get a skipped row at once.
 * The others get a pending row, due at the first time that quiet hours and the send window allow.
 */
@ApplicationScoped
public class OutboxFiller {

    private final ProfileGateway profiles;
    private final SendOutbox outbox;
    private final FeedbackLinks links;
    private final SendTimes sendTimes;
    private final int pageSize;

    public OutboxFiller(ProfileGateway profiles, SendOutbox outbox, FeedbackLinks links, RecipientProcessor recipients,
            AutomationConfig config) {
        this.profiles = profiles;
        this.outbox = outbox;
        this.links = links;
        this.sendTimes = recipients.sendTimes();
        this.pageSize = config.audience().pageSize();
    }

    /**
     * Pages through the campaign's segment until the last page or until the run is cancelled.
     * The pages are read in a loop, not by recursion, so no page stays referenced once it is
     * written.
     */
    Uni<Void> fill(CampaignRun run) {
        if (run.cancelled()) {
            return Uni.createFrom().voidItem();
        }
        String segment = run.campaign().segment;
        AtomicReference<String> after = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> profiles.members(segment, after.get(), pageSize).call(page -> fillPage(run, page)))
                .whilst(page -> {
                    String next = nextPage(segment, after.get(), page);
                    after.set(next);
                    return next != null && !run.cancelled();
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** Returns the cursor of the page after {@code page}, or null after the last page. */
    private static String nextPage(String segment, String after, ProfileClient.MembersPage page) {
        if (page.next() != null && page.next().equals(after)) {
            throw DependencyException.invalidResponse("profile-service", "GET /api/v1/segments/" + segment
                    + "/members", "the page after '" + after + "' points at itself as the next page");
        }
        return page.next();
    }

    private Uni<Void> fillPage(CampaignRun run, ProfileClient.MembersPage page) {
        List<Member> members = page.members() == null ? List.of() : page.members();
        Instant now = Instant.now();
        List<NewSend> rows = new ArrayList<>(members.size());
        for (Member member : members) {
            rows.add(newSend(run, member, now));
        }
        Campaign campaign = run.campaign();
        FillTarget target = new FillTarget(campaign.id, run.step(), run.channel(), campaign.runId,
                run.copy().copyId());
        return outbox.fill(target, rows).invoke(result -> run.filled(members.size(), result.duplicates()))
                .replaceWithVoid();
    }

    private NewSend newSend(CampaignRun run, Member member, Instant now) {
        String key = SendKeys.idempotencyKey(run.campaignId(), run.step(), member.profileKey());
        String messageId = links.messageId(SendKeys.token(key));
        Decision decision = RecipientRules.decide(run.channel(), member);
        if (decision.skipped()) {
            return skipped(member, key, messageId, decision.skipReason());
        }
        Optional<Instant> due = sendTimes.nextAllowed(now, member.timeZone(), run.campaign().sendWindow);
        if (due.isEmpty()) {
            return skipped(member, key, messageId, RecipientProcessor.NO_SEND_TIME);
        }
        return new NewSend(member.profileKey(), key, SendKeys.addressHash(decision.address()), SendOutbox.PENDING, null,
                messageId, due.get(), decision.address(), member.firstName(), member.timeZone());
    }

    private static NewSend skipped(Member member, String key, String messageId, String reason) {
        return new NewSend(member.profileKey(), key, null, SendOutbox.SKIPPED, reason, messageId, null, null, null, null);
    }
}
