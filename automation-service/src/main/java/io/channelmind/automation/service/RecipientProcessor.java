package io.channelmind.automation.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import io.channelmind.automation.repository.ContactHistory.Recipient;
import io.channelmind.automation.repository.SendOutbox.ClaimedSend;
import io.channelmind.automation.repository.SendOutbox.Finished;
import io.channelmind.automation.repository.SendOutbox.Outcome;
import io.channelmind.automation.service.MessageRenderer.RenderedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Handles the sends that a drainer claimed: checks quiet hours, the send window and the
 * send-time rules now, sends the e-mails, and records each final state with its delivery event.
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
    // One counter per outcome, so recording a batch does not look each meter up in the registry again.
    private final Map<String, Counter> outcomeCounters = new ConcurrentHashMap<>();
    private final SendTimes sendTimes;
    private final BudgetPlans budget;
    private final int concurrency;
    private final AtomicLong failed = new AtomicLong();

    public RecipientProcessor(SendOutbox outbox, SendTimeRules sendTimeRules, MailConnector mail, FeedbackLinks links,
            FeedbackRepository feedback, AutomationConfig config, MeterRegistry metrics, BudgetPlans budget) {
        this.outbox = outbox;
        this.budget = budget;
        this.sendTimeRules = sendTimeRules;
        this.mail = mail;
        this.links = links;
        this.feedback = feedback;
        this.metrics = metrics;
        this.concurrency = config.send().concurrency();
        this.sendTimes = new SendTimes(new QuietHours(config.quietHours().start(), config.quietHours().end()),
                config.quietHours().defaultZone());
    }

    SendTimes sendTimes() {
        return sendTimes;
    }

    /**
     * Creates an open pipeline that sends the rows claimed by {@code claimer} and records each
     * final state with its delivery event. Send failures end in the rows' final states. A failed
     * {@link SendPipeline#finished()} means that a database statement failed, and the rows it left
     * pending are sent again after the lease.
     *
     * <p>The pipeline keeps automation.send.concurrency sends in flight and commits their final
     * states and delivery events in batches while the next rows are sent. At most twice
     * automation.send.concurrency messages are accepted by the SMTP server and not yet recorded at
     * any moment, and a crash sends at most that many again after the lease.
     */
    SendPipeline pipeline(String claimer) {
        return new SendPipeline(concurrency, this::deliverOrLeave, (sends, outcomes) -> finish(sends, outcomes, claimer));
    }

    /**
     * Reschedules the rows in quiet hours or outside the send window, records the rows that the
     * send-time rules skip, and returns the rows that may be sent now. Quiet hours and the send
     * window are checked per row, the send-time rules (including the consent changes of
     * profile-service) with one query for the page.
     */
    Uni<List<ClaimedSend>> prepare(List<ClaimedSend> claimed, String claimer) {
        Instant now = Instant.now();
        List<Finished> skipped = new ArrayList<>();
        List<ClaimedSend> due = new ArrayList<>(claimed.size());
        List<ClaimedSend> later = new ArrayList<>();
        List<Instant> laterAt = new ArrayList<>();
        for (ClaimedSend send : claimed) {
            Optional<Instant> allowed = sendTimes.nextAllowed(now, send.timeZone(), send.window());
            if (allowed.isEmpty()) {
                skipped.add(new Finished(send.idempotencyKey(), Outcome.skipped(NO_SEND_TIME)));
            } else if (allowed.get().isAfter(now)) {
                // Quiet hours or the window started after the row was filled: it waits as a row, not in memory.
                later.add(send);
                laterAt.add(allowed.get());
            } else {
                due.add(send);
            }
        }
        List<Recipient> recipients = due.stream()
                .map(send -> new Recipient(send.profileKey(), send.addressHash(), send.channel(), send.campaignId()))
                .toList();
        return reschedule(later, laterAt, claimer)
                .chain(() -> sendTimeRules.checkAll(recipients, ConsentRules.MARKETING))
                .chain(reasons -> {
                    List<ClaimedSend> allowed = new ArrayList<>(due.size());
                    for (int index = 0; index < due.size(); index++) {
                        String reason = reasons.get(index);
                        if (reason == null) {
                            allowed.add(due.get(index));
                        } else {
                            skipped.add(new Finished(due.get(index).idempotencyKey(), Outcome.skipped(reason)));
                        }
                    }
                    return finish(claimed, skipped, claimer).replaceWith(allowed);
                });
    }

    private Uni<Void> reschedule(List<ClaimedSend> sends, List<Instant> dueAt, String claimer) {
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().range(0, sends.size())
                .onItem().transformToUniAndConcatenate(index -> outbox.reschedule(sends.get(index).idempotencyKey(),
                        claimer, dueAt.get(index)))
                .collect().last()
                .replaceWithVoid();
    }

    /** Delivers a send; returns its outcome, or null for a send left to the lease. */
    private Uni<Finished> deliverOrLeave(ClaimedSend send) {
        return Uni.createFrom().deferred(() -> deliverWithinBudget(send))
                .onFailure().recoverWithItem(failure -> {
                    // The row keeps its claim, so it is due again when the lease ends.
                    LOG.warnf("Campaign %s: processing a send failed, so it is retried after the lease: %s",
                            send.campaignId(), failure.getMessage());
                    return null;
                });
    }

    /**
     * Delivers a send whose channel came from the recommendation only when the active budget plan
     * still has budget for the channel, and skips it otherwise. Fixed-channel campaigns spend no plan.
     *
     * <p>NOTE: the recommendation names one channel and campaigns send only e-mail, so there is no
     * next channel to fall back to, and a spent budget skips the recipient.
     */
    private Uni<Finished> deliverWithinBudget(ClaimedSend send) {
        if (!send.recommendedChannel()) {
            return deliver(send, false);
        }
        return budget.reserve(send.channel()).chain(reserved -> reserved
                ? deliver(send, true)
                : Uni.createFrom().item(new Finished(send.idempotencyKey(), Outcome.skipped(BUDGET_EXHAUSTED))));
    }

    private Uni<Finished> deliver(ClaimedSend send, boolean reserved) {
        String token = SendKeys.token(send.idempotencyKey());
        Instant now = Instant.now();
        String unsubscribeUrl = links.unsubscribeUrl(token, now, send.locale());
        CopySummary copy = new CopySummary(send.copyId(), null, send.subject(), send.body());
        // The recipient's address and first name are decrypted only here, for the connector call.
        RenderedMessage message = MessageRenderer.render(copy, send.firstName().reveal(), send.locale(), unsubscribeUrl,
                send.campaignName(), target -> links.clickUrl(token, target), links.pixelUrl(token));
        OutgoingMail outgoing = new OutgoingMail(send.address().reveal(), message.subject(), message.text(), message.html(),
                send.messageId(), unsubscribeUrl, links.unsubscribeMailto(token, now));

        return mail.send(outgoing).onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? Uni.createFrom().item(sent(send))
                : failed(send, reserved, failure));
    }

    private static Finished sent(ClaimedSend send) {
        Instant acceptedAt = Instant.now();
        DeliveryEvent event = new DeliveryEvent(DeliveryEvent.SCHEMA_VERSION, send.idempotencyKey(), send.profileKey(),
                send.campaignId().toString(), send.channel(), send.copyId(), DeliveryEvent.STATUS_DELIVERED,
                acceptedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return new Finished(send.idempotencyKey(), Outcome.sent(acceptedAt, event));
    }

    /**
     * Records a hard bounce on the do-not-contact list and gives back the budget that the send
     * reserved, because a message the server rejected costs nothing. Returns the failed outcome.
     */
    private Uni<Finished> failed(ClaimedSend send, boolean reserved, Throwable failure) {
        String error = redact(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        Uni<Void> bounced = Uni.createFrom().voidItem();
        if (MailConnector.isHardBounce(failure)) {
            // The address is blocked at once, so later campaigns and a relaunch of this one skip it.
            FeedbackRepository.SendReference reference = new FeedbackRepository.SendReference(send.idempotencyKey(),
                    send.campaignId(), send.profileKey(), send.channel(), send.addressHash(), send.copyId());
            bounced = feedback.record(reference, DeliveryEvent.STATUS_BOUNCED, FeedbackRepository.HARD_BOUNCE);
        }
        // An instance that stops before the outcome commit sends the row again after the lease, and
        // that send reserves again, so releasing first never counts a message twice.
        // NOTE: the release applies to the current month, so a send that reserved just before a
        // month boundary and failed after it gives the cost back to the new month.
        Uni<Void> released = reserved ? budget.release(send.channel()) : Uni.createFrom().voidItem();
        long failures = failed.incrementAndGet();
        if (failures == 1 || failures % 1000 == 0) {
            LOG.warnf("Campaign %s: a send failed (%d failed sends since start; this message repeats every 1000): %s",
                    send.campaignId(), failures, error);
        }
        return bounced.chain(() -> released)
                .replaceWith(new Finished(send.idempotencyKey(), Outcome.failed(error)));
    }

    /**
     * Commits the outcomes of rows out of {@code sends} in one statement; null entries are rows
     * left to the lease.
     */
    private Uni<Void> finish(List<ClaimedSend> sends, List<Finished> outcomes, String claimer) {
        List<Finished> rows = outcomes.stream().filter(Objects::nonNull).toList();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.finishAll(rows, claimer).invoke(recorded -> {
            for (Finished row : rows) {
                if (recorded.contains(row.idempotencyKey())) {
                    outcomeCounter(row.outcome().status()).increment();
                }
            }
            if (recorded.size() < rows.size()) {
                // Only after this instance held the rows longer than automation.send.lease.
                Set<UUID> campaigns = new TreeSet<>();
                for (ClaimedSend send : sends) {
                    if (!recorded.contains(send.idempotencyKey())) {
                        campaigns.add(send.campaignId());
                    }
                }
                LOG.warnf("Campaigns %s: the claim of %d send(s) ended before their outcomes were recorded, so"
                        + " another instance may send them again. Raise automation.send.lease", campaigns,
                        rows.size() - recorded.size());
            }
        }).replaceWithVoid();
    }

    private Counter outcomeCounter(String status) {
        return outcomeCounters.computeIfAbsent(status,
                outcome -> metrics.counter("channelmind.automation.recipients", "outcome", outcome));
    }

    public static String redact(String error) {
        String redacted = ADDRESS.matcher(error).replaceAll("<address>");
        return redacted.length() > MAX_ERROR_LENGTH ? redacted.substring(0, MAX_ERROR_LENGTH) : redacted;
    }
}
