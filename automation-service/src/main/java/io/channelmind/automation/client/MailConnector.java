package io.channelmind.automation.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.connector.TokenBucket;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends e-mail over SMTP with the sender address of {@code quarkus.mailer.from}, within the rate
 * limit of automation.mail.rate-limit when it is set. The returned Uni completes when the SMTP
 * server accepted the message.
 */
@ApplicationScoped
public class MailConnector {

    private final ReactiveMailer mailer;
    private final TokenBucket rateLimit;

    @Inject
    public MailConnector(ReactiveMailer mailer, AutomationConfig config) {
        this(mailer, config.mail().rateLimit().perSecond()
                .map(perSecond -> new TokenBucket(config.mail().rateLimit().burst(), perSecond))
                .orElse(null));
    }

    /** Creates a connector limited by {@code rateLimit}, or without a limit when it is null. */
    public MailConnector(ReactiveMailer mailer, TokenBucket rateLimit) {
        this.mailer = mailer;
        this.rateLimit = rateLimit;
    }

    /**
     * One e-mail. {@code messageId} is the complete Message-ID value including the angle
     * brackets. {@code unsubscribeMailto} and the https {@code unsubscribeUrl} go into the
     * List-Unsubscribe header, and the URL also accepts the RFC 8058 one-click POST.
     */
    public record OutgoingMail(String to, String subject, String text, String html, String messageId,
            String unsubscribeUrl, String unsubscribeMailto) {
    }

    public Uni<Void> send(OutgoingMail outgoing) {
        Mail mail = new Mail()
                .addTo(outgoing.to())
                .setSubject(outgoing.subject())
                .setText(outgoing.text())
                .setHtml(outgoing.html())
                .addHeader("Message-ID", outgoing.messageId())
                .addHeader("List-Unsubscribe", "<" + outgoing.unsubscribeMailto() + ">, <" + outgoing.unsubscribeUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (rateLimit == null) {
            return mailer.send(mail);
        }
        return Uni.createFrom().deferred(() -> {
            long waitNanos = rateLimit.reserve();
            if (waitNanos == 0) {
                return mailer.send(mail);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(waitNanos))
                    .chain(() -> mailer.send(mail));
        });
    }

    /**
     * Returns true when the SMTP server rejected the recipient permanently: reply 550 (mailbox
     * unavailable), 551 (user not local) or 553 (mailbox name not allowed), from RFC 5321. Only a
     * rejection during the SMTP session is seen here, so bounces that arrive later as delivery
     * status notifications are not.
     */
    public static boolean isHardBounce(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                int code = smtp.getReplyCode();
                return code == 550 || code == 551 || code == 553;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
