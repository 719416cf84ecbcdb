package io.channelmind.automation.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.client.MailConnector;
import io.channelmind.automation.client.MailConnector.OutgoingMail;
import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.consent.ConsentRules;
import io.channelmind.automation.domain.CopySummary;
import io.channelmind.automation.feedback.FeedbackLinks;
import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.plan.BudgetPlans;
import io.channelmind.automation.repository.FeedbackRepository;
import io.channelmind.automation.repository.SendOutbox;
import io.channelmind.automation.repository.SendOutbox.ClaimedSend;
import io.channelmind.automation.repository.SendOutbox.Outcome;
import io.channelmind.automation.service.MessageRenderer.RenderedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Handles one send that a drainer claimed: checks quiet hours, the send window and the
 * send-time rules now, sends the e-mail, and records the final state with its delivery event.
 * Logs name campaigns and counts, never addresses or names.
 */
@ApplicationScoped
public class RecipientProcessor {

    private static final Logger LOG = Logger.getLogger(RecipientProcessor.class);
    // SMTP replies often quote the recipient, so stored and logged errors have addresses replaced.
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]:;,\"']+@[^\\s<>()\\[\\]:;,\"']+");
    private static final int MAX_ERROR_LENGTH = 1000;
    /** Skip reason of a recipient whose quiet hours and the campaign's send window never overlap. */
    public static final String NO_SEND_TIME = "no allowed send time";
    /** Skip reason when the active budget plan's budget for the channel is spent for the period. */
    public static final String BUDGET_EXHAUSTED = "budget_exhausted";

    private final SendOutbox outbox;
    private final SendTimeRules sendTimeRules;
    private final MailConnector mail;
    private final FeedbackLinks links;
    private final FeedbackRepository feedback;
    private final MeterRegistry metrics;
    private final SendTimes sendTimes;
    private final BudgetPlans budget;
    private final ConsentRules consent;
    private final AtomicLong failed = new AtomicLong();

    public RecipientProcessor(SendOutbox outbox, SendTimeRules sendTimeRules, MailConnector mail, FeedbackLinks links,
            FeedbackRepository feedback, AutomationConfig config, MeterRegistry metrics, BudgetPlans budget,
            ConsentRules consent) {
        this.outbox = outbox;
        this.consent = consent;
        this.budget = budget;
        this.sendTimeRules = sendTimeRules;
        this.mail = mail;
        this.links = links;
        this.feedback = feedback;
        this.metrics = metrics;
        this.sendTimes = new SendTimes(new QuietHours(config.quietHours().start(), config.quietHours().end()),
                config.quietHours().defaultZone());
    }

    SendTimes sendTimes() {
        return sendTimes;
    }

    /**
     * Processes one row claimed by {@code claimer}; send failures end in the row's final state,
     * not in the Uni.
     *
     * <p>NOTE: each row makes its own rule query and its own outcome commit. Batching both per
     * claimed batch is the untried next step for throughput, which reached 12% of a raw SMTP loop
     * on a heavily loaded machine (docs/benchmarks.md, "Sending").
     */
    Uni<Void> process(ClaimedSend send, String claimer) {
        Instant now = Instant.now();
        Optional<Instant> allowed = sendTimes.nextAllowed(now, send.timeZone(), send.window());
        if (allowed.isEmpty()) {
            return finish(send, claimer, Outcome.skipped(NO_SEND_TIME));
        }
        if (allowed.get().isAfter(now)) {
            // Quiet hours or the window started after the row was filled: it waits as a row, not in memory.
            return outbox.reschedule(send.idempotencyKey(), claimer, allowed.get()).replaceWithVoid();
        }
        return sendTimeRules.check(send.addressHash(), send.channel(), send.campaignId()).chain(skipReason -> skipReason != null
                ? finish(send, claimer, Outcome.skipped(skipReason))
                : deliverWithConsent(send, claimer));
    }

    /**
     * Delivers only when profile-service's latest consent changes allow a marketing message.
     *
     * <p>NOTE: this is a second database round trip per send after the local rules. Its throughput
     * cost was not measured.
     */
    private Uni<Void> deliverWithConsent(ClaimedSend send, String claimer) {
        return consent.check(send.profileKey(), send.channel(), ConsentRules.MARKETING).chain(skipReason ->
                skipReason != null
                        ? finish(send, claimer, Outcome.skipped(skipReason))
                        : deliverWithinBudget(send, claimer));
    }

    /**
     * Delivers a send whose channel came from the recommendation only when the active budget plan
     * still has budget for the channel, and skips it otherwise. Fixed-channel campaigns spend no plan.
     *
     * <p>NOTE: the recommendation names one channel and campaigns send only e-mail, so there is no
     * next channel to fall back to, and a spent budget skips the recipient.
     */
    private Uni<Void> deliverWithinBudget(ClaimedSend send, String claimer) {
        if (!send.recommendedChannel()) {
            return deliver(send, claimer);
        }
        return budget.reserve(send.channel()).chain(reserved -> reserved
                ? deliver(send, claimer)
                : finish(send, claimer, Outcome.skipped(BUDGET_EXHAUSTED)));
    }

    private Uni<Void> deliver(ClaimedSend send, String claimer) {
        String token = SendKeys.token(send.idempotencyKey());
        Instant now = Instant.now();
        String unsubscribeUrl = links.unsubscribeUrl(token, now, send.locale());
        CopySummary copy = new CopySummary(send.copyId(), null, send.subject(), send.body());
        RenderedMessage message = MessageRenderer.render(copy, send.firstName(), send.locale(), unsubscribeUrl,
                send.campaignName(), target -> links.clickUrl(token, target), links.pixelUrl(token));
        OutgoingMail outgoing = new OutgoingMail(send.address(), message.subject(), message.text(), message.html(),
                send.messageId(), unsubscribeUrl, links.unsubscribeMailto(token, now));

        return mail.send(outgoing).onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? recordSent(send, claimer)
                : recordFailed(send, claimer, failure));
    }

    private Uni<Void> recordSent(ClaimedSend send, String claimer) {
        Instant acceptedAt = Instant.now();
        DeliveryEvent event = new DeliveryEvent(DeliveryEvent.SCHEMA_VERSION, send.idempotencyKey(), send.profileKey(),
                send.campaignId().toString(), send.channel(), send.copyId(), DeliveryEvent.STATUS_DELIVERED,
                acceptedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return finish(send, claimer, Outcome.sent(acceptedAt, event));
    }

    private Uni<Void> recordFailed(ClaimedSend send, String claimer, Throwable failure) {
        String error = redact(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        Uni<Void> bounced = Uni.createFrom().voidItem();
        if (MailConnector.isHardBounce(failure)) {
            // The address is blocked at once, so later campaigns and a relaunch of this one skip it.
            FeedbackRepository.SendReference reference = new FeedbackRepository.SendReference(send.idempotencyKey(),
                    send.campaignId(), send.profileKey(), send.channel(), send.addressHash(), send.copyId());
            bounced = feedback.record(reference, DeliveryEvent.STATUS_BOUNCED, FeedbackRepository.HARD_BOUNCE);
        }
        long failures = failed.incrementAndGet();
        if (failures == 1 || failures % 1000 == 0) {
            LOG.warnf("Campaign %s: a send failed (%d failed sends since start; this message repeats every 1000): %s",
                    send.campaignId(), failures, error);
        }
        return bounced.chain(() -> finish(send, claimer, Outcome.failed(error)));
    }

    private Uni<Void> finish(ClaimedSend send, String claimer, Outcome outcome) {
        return outbox.finish(send.idempotencyKey(), claimer, outcome).invoke(recorded -> {
            if (recorded) {
                metrics.counter("channelmind.automation.recipients", "outcome", outcome.status()).increment();
            } else {
                // Only after this instance held the row longer than automation.send.lease.
                LOG.warnf("Campaign %s: the claim of a send ended before its outcome (%s) was recorded, so another"
                        + " instance may send it again. Raise automation.send.lease", send.campaignId(),
                        outcome.status());
            }
        }).replaceWithVoid();
    }

    static String redact(String error) {
        String redacted = ADDRESS.matcher(error).replaceAll("<address>");
        return redacted.length() > MAX_ERROR_LENGTH ? redacted.substring(0, MAX_ERROR_LENGTH) : redacted;
    }
}
