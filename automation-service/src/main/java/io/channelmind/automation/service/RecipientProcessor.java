package io.channelmind.automation.service;

import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.client.MailConnector;
import io.channelmind.automation.client.MailConnector.OutgoingMail;
import io.channelmind.automation.client.ProfileClient.Member;
import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.messaging.DeliveryPublisher;
import io.channelmind.automation.repository.SendLedger;
import io.channelmind.automation.service.MessageRenderer.RenderedMessage;
import io.channelmind.automation.service.RecipientRules.Decision;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Handles one segment member in a run: applies the recipient rules, claims the send in the
 * ledger, sends the e-mail, records the result and publishes the delivery event. Logs name
 * campaigns and counts, never addresses or names.
 */
@ApplicationScoped
public class RecipientProcessor {

    private static final Logger LOG = Logger.getLogger(RecipientProcessor.class);
    // SMTP replies often quote the recipient, so stored and logged errors have addresses replaced.
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]:;,\"']+@[^\\s<>()\\[\\]:;,\"']+");
    private static final int MAX_ERROR_LENGTH = 1000;

    private final SendLedger ledger;
    private final MailConnector mail;
    private final DeliveryPublisher deliveries;
    private final AutomationConfig config;
    private final MeterRegistry metrics;

    public RecipientProcessor(SendLedger ledger, MailConnector mail, DeliveryPublisher deliveries,
            AutomationConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.mail = mail;
        this.deliveries = deliveries;
        this.config = config;
        this.metrics = metrics;
    }

    Uni<Void> process(CampaignRun run, Member member) {
        Decision decision = RecipientRules.decide(run.channel(), member);
        if (decision.skipped()) {
            run.counts().skipped(decision.skipReason());
            metrics.counter("channelmind.automation.recipients", "outcome", "skipped").increment();
            return Uni.createFrom().voidItem();
        }

        String key = SendKeys.idempotencyKey(run.campaignId(), SendKeys.INITIAL_STEP, member.profileKey());
        String token = SendKeys.token(key);
        String messageId = "<" + token + "@" + config.mail().messageIdDomain() + ">";
        SendLedger.Claim claim = new SendLedger.Claim(run.campaignId(), SendKeys.INITIAL_STEP, member.profileKey(), key,
                run.channel(), SendKeys.addressHash(decision.address()), run.runId(), run.copy().copyId(), messageId);
        return ledger.claim(claim).chain(claimed -> {
            if (!claimed) {
                run.counts().duplicate();
                metrics.counter("channelmind.automation.recipients", "outcome", "duplicate").increment();
                return Uni.createFrom().voidItem();
            }
            return send(run, member, decision.address(), key, token, messageId);
        });
    }

    private Uni<Void> send(CampaignRun run, Member member, String address, String key, String token, String messageId) {
        // NOTE: placeholder link that is neither signed nor served yet. Once an endpoint serves it,
        // anyone with the token could unsubscribe the recipient, so signed links must replace it.
        String unsubscribeUrl = config.mail().unsubscribeBaseUrl() + "/" + token;
        RenderedMessage message = MessageRenderer.render(run.copy(), member.firstName(), run.campaign().locale,
                unsubscribeUrl, run.campaign().name);
        OutgoingMail outgoing = new OutgoingMail(address, message.subject(), message.text(), message.html(), messageId,
                unsubscribeUrl);

        return mail.send(outgoing).onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? recordDelivered(run, member, key)
                : recordFailed(run, key, failure));
    }

    private Uni<Void> recordDelivered(CampaignRun run, Member member, String key) {
        Instant acceptedAt = Instant.now();
        return deliveries.publish(key, member.profileKey(), run.campaignId(), run.channel(), run.copy().copyId(), acceptedAt)
                .replaceWith(true)
                .onFailure().recoverWithItem(failure -> {
                    if (run.counts().unpublished() == 1) {
                        LOG.warnf("Campaign %s: a delivery event was not published (%s). The run publishes it again"
                                + " before it ends, and further failures are only counted", run.campaignId(),
                                failure.getMessage());
                    }
                    return false;
                })
                .chain(published -> ledger.markSent(key, acceptedAt, published))
                .invoke(() -> {
                    run.counts().sent();
                    metrics.counter("channelmind.automation.recipients", "outcome", "sent").increment();
                });
    }

    private Uni<Void> recordFailed(CampaignRun run, String key, Throwable failure) {
        String error = redact(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        return ledger.markFailed(key, error).invoke(() -> {
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
