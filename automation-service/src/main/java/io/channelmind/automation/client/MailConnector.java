package io.channelmind.automation.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * Sends e-mail over SMTP with the sender address of {@code quarkus.mailer.from}. The returned
 * Uni completes when the SMTP server accepted the message.
 */
@ApplicationScoped
public class MailConnector {

    private final ReactiveMailer mailer;

    public MailConnector(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /**
     * One e-mail. {@code messageId} is the complete Message-ID value including the angle
     * brackets, and {@code unsubscribeUrl} goes into the List-Unsubscribe header.
     */
    public record OutgoingMail(String to, String subject, String text, String html, String messageId,
            String unsubscribeUrl) {
    }

    public Uni<Void> send(OutgoingMail outgoing) {
        Mail mail = new Mail()
                .addTo(outgoing.to())
                .setSubject(outgoing.subject())
                .setText(outgoing.text())
                .setHtml(outgoing.html())
                .addHeader("Message-ID", outgoing.messageId())
                .addHeader("List-Unsubscribe", "<" + outgoing.unsubscribeUrl() + ">");
        return mailer.send(mail);
    }
}
