package io.channelmind.automation.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import io.channelmind.web.egress.EgressHttpClient;

/**
 * Posts to a DingTalk (钉钉) custom robot. With a signing secret the request URL gets
 * {@code timestamp} (epoch milliseconds) and {@code sign}, the URL-encoded Base64 of
 * HMAC-SHA256 over {@code timestamp + "\n" + secret} keyed with the secret; DingTalk rejects a
 * timestamp more than an hour off. Errcode 130101 (sending too fast) is retried.
 */
@Singleton
public class DingTalkConnector extends HttpConnector {

    private static final Set<Integer> RETRYABLE_CODES = Set.of(-1, 130101);

    private final Optional<String> secret;
    private final String msgtype;
    private final Clock clock;

    @Inject
    public DingTalkConnector(ConnectorsConfig config, EgressHttpClient egress) {
        this(config, egress, Clock.systemUTC());
    }

    DingTalkConnector(ConnectorsConfig config, EgressHttpClient egress, Clock clock) {
        super("dingtalk", "dingtalk", config.dingtalk(), egress);
        this.secret = config.dingtalk().secret().filter(value -> !value.isBlank());
        this.msgtype = config.dingtalk().msgtype();
        this.clock = clock;
    }

    @Override
    Optional<String> missingSetting() {
        return RobotMessages.checkMsgtype("dingtalk", msgtype);
    }

    /** Returns the {@code sign} query value (already URL-encoded) for a timestamp in epoch milliseconds. */
    public static String sign(long timestampMillis, String secret) {
        byte[] mac = Hmac.sha256(secret, timestampMillis + "\n" + secret);
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
    }

    @Override
    public DeliveryResult attempt(OutgoingMessage message) {
        Map<String, Object> body = msgtype.equals("markdown")
                ? Map.of("msgtype", "markdown", "markdown", Map.of(
                        "title", message.subject() == null ? firstLine(message.text()) : message.subject(),
                        "text", RobotMessages.content(message, msgtype)))
                : Map.of("msgtype", "text", "text", Map.of("content", RobotMessages.content(message, msgtype)));
        return http.post(signedUrl(), "application/json", Map.of(), json(body),
                response -> RobotResponses.classify("DingTalk", response.body(), RETRYABLE_CODES));
    }

    private URI signedUrl() {
        URI base = url();
        if (secret.isEmpty()) {
            return base;
        }
        long timestamp = clock.millis();
        String separator = base.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + "timestamp=" + timestamp + "&sign=" + sign(timestamp, secret.get()));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
