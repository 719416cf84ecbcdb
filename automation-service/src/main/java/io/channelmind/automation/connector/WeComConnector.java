package io.channelmind.automation.connector;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import io.channelmind.web.egress.EgressHttpClient;

/**
 * Posts to a WeCom (企业微信) group robot webhook, {@code msgtype} {@code text} or
 * {@code markdown}. The robot responds with HTTP 200 with an {@code errcode}; 45009 (API frequency
 * limit) and -1 (system busy) are retried.
 */
@Singleton
public class WeComConnector extends HttpConnector {

    private static final Set<Integer> RETRYABLE_CODES = Set.of(-1, 45009);

    private final String msgtype;

    public WeComConnector(ConnectorsConfig config, EgressHttpClient egress) {
        super("wecom", "wecom", config.wecom(), egress);
        this.msgtype = config.wecom().msgtype();
    }

    @Override
    Optional<String> missingSetting() {
        return RobotMessages.checkMsgtype("wecom", msgtype);
    }

    @Override
    public DeliveryResult attempt(OutgoingMessage message) {
        String content = RobotMessages.content(message, msgtype);
        Map<String, Object> body = Map.of("msgtype", msgtype, msgtype, Map.of("content", content));
        return http.post(url(), "application/json", Map.of(), json(body),
                response -> RobotResponses.classify("WeCom", response.body(), RETRYABLE_CODES));
    }
}
