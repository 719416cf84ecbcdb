package io.channelmind.automation.feedback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.automation.config.AutomationConfig;
import io.channelmind.automation.feedback.LinkSigner.Purpose;

/**
 * Builds the signed links of one sent message from its message token, the UUID in its
 * {@code Message-ID}: the unsubscribe URL and mailto address, the open pixel and click links.
 */
@ApplicationScoped
public class FeedbackLinks {

    private final LinkSigner signer;
    private final AutomationConfig config;

    public FeedbackLinks(LinkSigner signer, AutomationConfig config) {
        this.signer = signer;
        this.config = config;
    }

    /** Returns the complete Message-ID header value, angle brackets included. */
    public String messageId(String messageToken) {
        return "<" + messageToken + "@" + config.mail().messageIdDomain() + ">";
    }

    /** Returns the https form of List-Unsubscribe, valid for automation.feedback.unsubscribe-validity after {@code sentAt}. */
    public String unsubscribeUrl(String messageToken, Instant sentAt, String locale) {
        String token = signer.unsubscribeToken(messageToken, sentAt.plus(config.feedback().unsubscribeValidity()));
        String url = config.mail().unsubscribeBaseUrl() + "/" + token;
        return "zh-CN".equals(locale) ? url + "?lang=zh-CN" : url;
    }

    /** Returns the mailto form of List-Unsubscribe; the subject carries the same signed token. */
    public String unsubscribeMailto(String messageToken, Instant sentAt) {
        String token = signer.unsubscribeToken(messageToken, sentAt.plus(config.feedback().unsubscribeValidity()));
        return "mailto:" + config.feedback().unsubscribeMailbox() + "?subject=unsubscribe%20" + token;
    }

    public String pixelUrl(String messageToken) {
        return config.feedback().trackingBaseUrl() + "/open?m=" + messageToken + "&s="
                + signer.sign(Purpose.OPEN, messageToken, null);
    }

    /** Returns a link that records a click and redirects to {@code target}; the signature covers the target. */
    public String clickUrl(String messageToken, String target) {
        return config.feedback().trackingBaseUrl() + "/click?m=" + messageToken + "&u=" + encode(target) + "&s="
                + signer.sign(Purpose.CLICK, messageToken, target);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
