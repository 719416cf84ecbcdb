package io.channelmind.automation.connector;

import java.util.Map;

import jakarta.inject.Singleton;

import io.channelmind.web.egress.EgressHttpClient;

/**
 * Posts to a Slack incoming webhook: {@code {"text": ...}} as JSON. Slack responds 200 with the
 * body {@code ok}; 4xx such as {@code invalid_payload} or {@code channel_not_found} are
 * permanent, and 429 carries {@code Retry-After}.
 */
@Singleton
public class SlackConnector extends HttpConnector {

    public SlackConnector(ConnectorsConfig config, EgressHttpClient egress) {
        super("slack", "slack", config.slack(), egress);
    }

    @Override
    public DeliveryResult attempt(OutgoingMessage message) {
        String text = message.subject() == null ? message.text() : "*" + message.subject() + "*\n" + message.text();
        return http.post(url(), "application/json", Map.of(), json(Map.of("text", text)),
                response -> new DeliveryResult.Sent(null, 1));
    }
}
