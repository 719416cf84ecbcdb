package io.channelmind.automation.connector;

import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import io.channelmind.web.egress.EgressHttpClient;

/**
 * Posts a JSON message to any HTTP endpoint, signed so the receiver can check origin and
 * freshness. Headers: {@value #TIMESTAMP_HEADER} (epoch seconds), {@value #SIGNATURE_HEADER}
 * ({@code v1=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}, keyed with the
 * shared secret) and {@value #KEY_HEADER} (the idempotency key, for de-duplication).
 */
@Singleton
public class SignedWebhookConnector extends HttpConnector {

    public static final String TIMESTAMP_HEADER = "X-ChannelMind-Timestamp";
    public static final String SIGNATURE_HEADER = "X-ChannelMind-Signature";
    public static final String KEY_HEADER = "X-ChannelMind-Idempotency-Key";

    private final Optional<String> secret;
    private final Clock clock;

    @Inject
    public SignedWebhookConnector(ConnectorsConfig config, EgressHttpClient egress) {
        this(config, egress, Clock.systemUTC());
    }

    SignedWebhookConnector(ConnectorsConfig config, EgressHttpClient egress, Clock clock) {
        super("webhook", "webhook", config.webhook(), egress);
        this.secret = config.webhook().secret().filter(value -> !value.isBlank());
        this.clock = clock;
    }

    @Override
    Optional<String> missingSetting() {
        return secret.isPresent() ? Optional.empty()
                : Optional.of("webhook connector is disabled because automation.connectors.webhook.secret is not set;"
                        + " every request is signed, so a secret is required");
    }

    /** Returns the {@value #SIGNATURE_HEADER} value for a timestamp (epoch seconds) and a body. */
    public static String signature(String secret, long timestampSeconds, String body) {
        return "v1=" + HexFormat.of().formatHex(Hmac.sha256(secret, timestampSeconds + "." + body));
    }

    @Override
    public DeliveryResult attempt(OutgoingMessage message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("idempotencyKey", message.key().value());
        payload.put("recipient", message.key().recipient());
        payload.put("to", message.to());
        payload.put("subject", message.subject());
        payload.put("text", message.text());
        String body = json(payload);
        long timestamp = clock.instant().getEpochSecond();

        Map<String, String> headers = Map.of(
                TIMESTAMP_HEADER, Long.toString(timestamp),
                SIGNATURE_HEADER, signature(secret.orElseThrow(), timestamp, body),
                KEY_HEADER, message.key().value());
        return http.post(url(), "application/json", headers, body, response -> new DeliveryResult.Sent(null, 1));
    }
}
