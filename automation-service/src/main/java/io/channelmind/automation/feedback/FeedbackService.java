package io.channelmind.automation.feedback;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.automation.feedback.LinkSigner.Purpose;
import io.channelmind.automation.feedback.LinkSigner.Verified;
import io.channelmind.automation.messaging.DeliveryEvent;
import io.channelmind.automation.repository.FeedbackRepository;
import io.channelmind.web.Problem;
import io.smallrye.mutiny.Uni;

/**
 * Handles the public feedback links: checks the signature, finds the send and records the
 * feedback. Unsubscribing also puts the address on the do-not-contact list of the channel.
 */
@ApplicationScoped
public class FeedbackService {

    private static final Logger LOG = Logger.getLogger(FeedbackService.class);

    private final LinkSigner signer;
    private final FeedbackLinks links;
    private final FeedbackRepository feedback;

    public FeedbackService(LinkSigner signer, FeedbackLinks links, FeedbackRepository feedback) {
        this.signer = signer;
        this.links = links;
        this.feedback = feedback;
    }

    /** Fails with a problem unless the unsubscribe token is valid, unexpired and names a send. */
    public Uni<FeedbackRepository.SendReference> checkUnsubscribe(String token) {
        Verified verified = signer.verifyUnsubscribe(token);
        switch (verified.verdict()) {
            case INVALID -> throw invalidLink("token", token);
            case EXPIRED -> throw Problem.of(410, "unsubscribe-link-expired", "Unsubscribe link expired")
                    .detail("This unsubscribe link has expired. Use the link in a more recent message, or contact the sender")
                    .error("token", token, "Use the unsubscribe link of a more recent message")
                    .toException();
            default -> {
                // A valid token.
            }
        }
        return feedback.findByMessageId(links.messageId(verified.messageToken())).invoke(send -> {
            if (send == null) {
                throw Problem.of(404, "send-not-found", "Message not found")
                        .detail("The link is signed, but no sent message has its token, so the message was sent"
                                + " by another installation or its record was deleted")
                        .error("token", token, "Use the unsubscribe link of a message sent by this service")
                        .toException();
            }
        });
    }

    /** Unsubscribes the recipient of the message from its channel; repeating it changes nothing. */
    public Uni<Void> unsubscribe(String token) {
        return checkUnsubscribe(token).chain(send -> feedback
                .record(send, DeliveryEvent.STATUS_UNSUBSCRIBED, FeedbackRepository.UNSUBSCRIBED)
                .invoke(() -> LOG.infof("Campaign %s: a recipient unsubscribed from %s", send.campaignId(),
                        send.channel())));
    }

    /** Records an open when the pixel signature is valid; an invalid one is ignored, because the pixel always loads. */
    public Uni<Void> open(String messageToken, String signature) {
        if (!signer.verify(Purpose.OPEN, messageToken, null, signature)) {
            return Uni.createFrom().voidItem();
        }
        return recordIfSent(messageToken, DeliveryEvent.STATUS_OPENED);
    }

    /**
     * Returns the click target after recording the click. Fails with a 400 problem when the
     * signature does not match the message token and target, so the endpoint never redirects to
     * an address that this service did not put into a message.
     */
    public Uni<URI> click(String messageToken, String target, String signature) {
        if (messageToken == null || messageToken.isBlank()) {
            throw invalidLink("m", messageToken);
        }
        if (target == null || target.isBlank()) {
            throw invalidLink("u", target);
        }
        if (!signer.verify(Purpose.CLICK, messageToken, target, signature)) {
            throw invalidLink("s", signature);
        }
        URI uri = httpUri(target);
        return recordIfSent(messageToken, DeliveryEvent.STATUS_CLICKED).replaceWith(uri);
    }

    private Uni<Void> recordIfSent(String messageToken, String status) {
        return feedback.findByMessageId(links.messageId(messageToken)).chain(send -> send == null
                ? Uni.createFrom().voidItem()
                : feedback.record(send, status, null));
    }

    private static URI httpUri(String target) {
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below like any other target that is not an absolute http or https URL.
        }
        throw invalidLink("u", target);
    }

    private static RuntimeException invalidLink(String field, String value) {
        return Problem.of(400, "invalid-link", "Invalid or tampered link")
                .detail("The link is not signed by this service or was changed after sending. Open the link exactly"
                        + " as it appears in the message")
                .error(field, value, "Use the unchanged link from the message")
                .toException();
    }
}
