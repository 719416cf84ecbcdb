package io.channelmind.automation.service;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.client.MailConnector;
import io.channelmind.automation.client.MailConnector.OutgoingMail;
import io.channelmind.automation.client.ProfileClient.Member;
import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.feedback.FeedbackLinks;
import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.plan.BudgetPlans;
import io.channelmind.automation.repository.FeedbackRepository;
import io.channelmind.automation.repository.SendLedger;
import io.channelmind.automation.service.MessageRenderer.RenderedMessage;
import io.channelmind.automation.service.RecipientRules.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Handles one segment member in a run: applies the recipient rules and the send-time rules,
 * claims the send in the ledger, sends the e-mail, and records the result with its delivery
 * event in the outbox. Logs name campaigns and counts, never addresses or names.
 */
@ApplicationScoped
public class RecipientProcessor {

    private static final Logger LOG = Logger.getLogger(RecipientProcessor.class);
    // SMTP replies often quote the recipient, so stored and logged errors have addresses replaced.
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]:;,\"']+@[^\\s<>()\\[\\]:;,\"']+");
    private static final int MAX_ERROR_LENGTH = 1000;
    /** Skip reason when the active budget plan's budget for the channel is spent for the period. */
    public static final String BUDGET_EXHAUSTED = "budget_exhausted";

    private final SendLedger ledger;
    private final SendTimeRules sendTimeRules;
    private final MailConnector mail;
    private final FeedbackLinks links;
    private final FeedbackRepository feedback;
    private final MeterRegistry metrics;
    private final QuietHours quietHours;
    private final ZoneId defaultZone;
    private final BudgetPlans budget;

    public RecipientProcessor(SendLedger ledger, SendTimeRules sendTimeRules, MailConnector mail, FeedbackLinks links,
            FeedbackRepository feedback, AutomationConfig config, MeterRegistry metrics, BudgetPlans budget) {
        this.budget = budget;
        this.ledger = ledger;
        this.sendTimeRules = sendTimeRules;
        this.mail = mail;
        this.links = links;
        this.feedback = feedback;
        this.metrics = metrics;
        this.quietHours = new QuietHours(config.quietHours().start(), config.quietHours().end());
        this.defaultZone = config.quietHours().defaultZone();
    }

    /**
     * Returns the first instant at or after {@code now} when the member may receive a message
     * under the quiet hours of automation.quiet-hours, in the member's own time zone.
     */
    Instant allowedAt(Member member, Instant now) {
        return quietHours.nextAllowed(now, zoneOf(member));
    }

    private ZoneId zoneOf(Member member) {
        if (member.timeZone() == null || member.timeZone().isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(member.timeZone().trim());
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }

    Uni<Void> process(CampaignRun run, Member member) {
        Decision decision = RecipientRules.decide(run.channel(), member);
        if (decision.skipped()) {
            skip(run, decision.skipReason());
            return Uni.createFrom().voidItem();
        }
        String addressHash = SendKeys.addressHash(decision.address());
        return sendTimeRules.check(addressHash, run.channel(), run.campaignId()).chain(skipReason -> {
            if (skipReason != null) {
                skip(run, skipReason);
                return Uni.createFrom().voidItem();
            }
            if (!budgeted(run)) {
                return claimAndSend(run, member, decision.address(), addressHash);
            }
            // NOTE: the recommendation names one channel and campaigns send only e-mail, so there is
            // no next channel to fall back to, and a spent budget skips the recipient.
            return budget.reserve(run.channel()).chain(reserved -> reserved
                    ? claimAndSend(run, member, decision.address(), addressHash)
                    : skipOverBudget(run, member));
        });
    }

    /** Counts a recipient that this step already reached as a duplicate, and skips the others as over budget. */
    private Uni<Void> skipOverBudget(CampaignRun run, Member member) {
        return ledger.history(run.campaignId(), member.profileKey()).invoke(sends -> {
            if (sends.stream().anyMatch(send -> send.step().equals(run.step()))) {
                run.counts().duplicate();
                metrics.counter("channelmind.automation.recipients", "outcome", "duplicate").increment();
            } else {
                skip(run, BUDGET_EXHAUSTED);
            }
        }).replaceWithVoid();
    }

    /** Returns true when the run's channel came from the recommendation, so its sends spend the budget plan. */
    private static boolean budgeted(CampaignRun run) {
        return run.campaign().requestedChannel == null;
    }

    private void skip(CampaignRun run, String reason) {
        run.counts().skipped(reason);
        metrics.counter("channelmind.automation.recipients", "outcome", "skipped").increment();
    }

    private Uni<Void> claimAndSend(CampaignRun run, Member member, String address, String addressHash) {
        String key = SendKeys.idempotencyKey(run.campaignId(), run.step(), member.profileKey());
        String token = SendKeys.token(key);
        String messageId = links.messageId(token);
        SendLedger.Claim claim = new SendLedger.Claim(run.campaignId(), run.step(), member.profileKey(), key,
                run.channel(), addressHash, run.runId(), run.copy().copyId(), messageId);
        SendContext send = new SendContext(run, member, address, addressHash, key, token, messageId);
        return ledger.claim(claim).chain(claimed -> {
            if (!claimed) {
                run.counts().duplicate();
                metrics.counter("channelmind.automation.recipients", "outcome", "duplicate").increment();
                return budgeted(run) ? budget.release(run.channel()) : Uni.createFrom().voidItem();
            }
            return send(send);
        });
    }

    /** One claimed send: the recipient, the address and the identifiers derived from the idempotency key. */
    private record SendContext(CampaignRun run, Member member, String address, String addressHash, String key,
            String token, String messageId) {
    }

    private Uni<Void> send(SendContext send) {
        CampaignRun run = send.run();
        String locale = run.campaign().locale;
        Instant now = Instant.now();
        String unsubscribeUrl = links.unsubscribeUrl(send.token(), now, locale);
        RenderedMessage message = MessageRenderer.render(run.copy(), send.member().firstName(), locale, unsubscribeUrl,
                run.campaign().name, target -> links.clickUrl(send.token(), target), links.pixelUrl(send.token()));
        OutgoingMail outgoing = new OutgoingMail(send.address(), message.subject(), message.text(), message.html(),
                send.messageId(), unsubscribeUrl, links.unsubscribeMailto(send.token(), now));

        return mail.send(outgoing).onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? recordDelivered(send)
                : recordFailed(send, failure));
    }

    private Uni<Void> recordDelivered(SendContext send) {
        CampaignRun run = send.run();
        Instant acceptedAt = Instant.now();
        DeliveryEvent event = new DeliveryEvent(DeliveryEvent.SCHEMA_VERSION, send.key(), send.member().profileKey(),
                run.campaignId().toString(), run.channel(), run.copy().copyId(), DeliveryEvent.STATUS_DELIVERED,
                acceptedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return ledger.markSent(send.key(), acceptedAt, event)
                .invoke(() -> {
                    run.counts().sent();
                    metrics.counter("channelmind.automation.recipients", "outcome", "sent").increment();
                });
    }

    private Uni<Void> recordFailed(SendContext send, Throwable failure) {
        CampaignRun run = send.run();
        String error = redact(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        Uni<Void> bounced = Uni.createFrom().voidItem();
        if (MailConnector.isHardBounce(failure)) {
            // The address is blocked at once, so later campaigns and a relaunch of this one skip it.
            FeedbackRepository.SendReference reference = new FeedbackRepository.SendReference(send.key(),
                    run.campaignId(), send.member().profileKey(), run.channel(), send.addressHash(), run.copy().copyId());
            bounced = feedback.record(reference, DeliveryEvent.STATUS_BOUNCED, FeedbackRepository.HARD_BOUNCE);
        }
        return bounced.chain(() -> ledger.markFailed(send.key(), error)).invoke(() -> {
            metrics.counter("channelmind.automation.recipients", "outcome", "failed").increment();
            if (run.counts().failed() == 1) {
                LOG.warnf("Campaign %s: sending failed (%s). Further failures of this run are only counted",
                        run.campaignId(), error);
            }
        });
    }

    static String redact(String error) {
        String redacted = ADDRESS.matcher(error).replaceAll("<address>");
        return redacted.length() > MAX_ERROR_LENGTH ? redacted.substring(0, MAX_ERROR_LENGTH) : redacted;
    }
}
