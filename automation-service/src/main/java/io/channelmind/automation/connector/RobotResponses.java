package io.channelmind.automation.connector;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the {@code {"errcode": 0, "errmsg": "ok"}} body that WeCom and DingTalk robots
 * return, always with HTTP 200: errcode 0 is success, the given throttling codes are
 * retryable, any other code is permanent.
 */
final class RobotResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RobotResponses() {
    }

    static DeliveryResult classify(String provider, String body, Set<Integer> retryableCodes) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            return new DeliveryResult.RetryableFailure(provider + " returned a body that is not JSON: "
                    + HttpSender.excerpt(body), Optional.empty());
        }
        int code = node.path("errcode").asInt(-1);
        if (code == 0) {
            return new DeliveryResult.Sent(null, 1);
        }
        String reason = provider + " errcode " + code + ": " + node.path("errmsg").asText("");
        return retryableCodes.contains(code)
                ? new DeliveryResult.RetryableFailure(reason, Optional.empty())
                : new DeliveryResult.PermanentFailure(reason);
    }
}
