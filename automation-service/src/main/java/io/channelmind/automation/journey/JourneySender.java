package io.channelmind.automation.journey;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.client.MailConnector;
import io.channelmind.automation.client.MailConnector.OutgoingMail;
import io.channelmind.automation.connector.ConnectorRegistry;
import io.channelmind.automation.connector.DeliveryResult;
import io.channelmind.automation.connector.OutgoingMessage;
import io.channelmind.automation.connector.SendKey;
import io.channelmind.automation.domain.CopySummary;
import io.channelmind.automation.feedback.FeedbackLinks;
import io.channelmind.automation.service.MessageRenderer;
import io.channelmind.automation.service.MessageRenderer.RenderedMessage;
import io.channelmind.automation.service.RecipientProcessor;
import io.channelmind.automation.service.SendKeys;

/**
 * Hands a journey's message to the connector of its channel. E-mail goes over SMTP like a
 * campaign e-mail, with the same signed unsubscribe link, List-Unsubscribe headers, open pixel
 * and click links, so feedback on it finds the journey send by its Message-ID.
 */
@ApplicationScoped
public class JourneySender {

    private final ConnectorRegistry connectors;
    private final MailConnector mail;
    private final FeedbackLinks links;

    public JourneySender(ConnectorRegistry connectors, MailConnector mail, FeedbackLinks links) {
        this.connectors = connectors;
        this.mail = mail;
        this.links = links;
    }

    /** Sends with the connector's rate limit and retries; blocks until the final result. */
    public DeliveryResult send(String channel, OutgoingMessage message) {
        return connectors.send(channel, message);
    }

    /**
     * Returns the Message-ID of the journey e-mail with this key. Its UUID is derived from the key,
     * so a rerun after a crash gets the same Message-ID and the same signed links.
     */
    public String messageId(SendKey key) {
        return links.messageId(SendKeys.token(key.value()));
    }

    /**
     * Renders and sends one journey e-mail and blocks until the SMTP server accepted or rejected
     * it. {@code text} may contain {@code {{unsubscribeUrl}}}, and text without it gets an
     * unsubscribe line at the end. {@code locale} {@code zh-CN} gives the Chinese unsubscribe line and page, any
     * other value the English ones. A rejection of the address (SMTP 550, 551 or 553) is a
     * permanent failure with {@code addressRejected}, and any other failure is retryable.
     *
     * <p>NOTE: the send is not retried, like a campaign e-mail, so a retryable failure still ends
     * the send as failed.
     */
    public DeliveryResult sendEmail(SendKey key, String to, String subject, String text, String locale) {
        String token = SendKeys.token(key.value());
        Instant now = Instant.now();
        String unsubscribeUrl = links.unsubscribeUrl(token, now, locale);
        CopySummary copy = new CopySummary(null, null, subject, text);
        RenderedMessage message = MessageRenderer.render(copy, null, locale, unsubscribeUrl, subject,
                target -> links.clickUrl(token, target), links.pixelUrl(token));
        String messageId = links.messageId(token);
        OutgoingMail outgoing = new OutgoingMail(to, message.subject(), message.text(), message.html(), messageId,
                unsubscribeUrl, links.unsubscribeMailto(token, now));
        try {
            mail.send(outgoing).await().indefinitely();
            return new DeliveryResult.Sent(messageId, 1);
        } catch (RuntimeException e) {
            String reason = RecipientProcessor.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            if (MailConnector.isHardBounce(e)) {
                return new DeliveryResult.PermanentFailure(reason, true);
            }
            return new DeliveryResult.RetryableFailure(reason, Optional.empty());
        }
    }
}
