package io.channelmind.automation.connector;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import io.channelmind.web.egress.EgressHttpClient;
import io.channelmind.web.egress.EgressRejectedException;
import io.channelmind.web.egress.EgressResponse;

/**
 * Makes the HTTP request of one connector attempt and turns transport errors and status codes
 * into a {@link DeliveryResult}: 408, 429 and 5xx are retryable with the response's
 * {@code Retry-After}, other 4xx are permanent, and 2xx is passed to the connector's own check
 * of the response body. Every URL passes the egress guard first: a URL that resolves to an
 * internal address is a permanent failure, and no connection is opened for it.
 */
final class HttpSender {

    private static final int EXCERPT_LENGTH = 200;

    private final EgressHttpClient client;
    private final Duration timeout;

    HttpSender(EgressHttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    DeliveryResult post(URI uri, String contentType, Map<String, String> headers, String body,
            Function<EgressResponse, DeliveryResult> onSuccess) {
        return post(uri, contentType, headers, body, onSuccess, response -> false);
    }

    /**
     * Posts like {@link #post(URI, String, Map, String, Function)}, but first passes every response
     * to {@code rejectsAddress}. When it returns true, whatever the status, the result is a
     * permanent failure that rejects the recipient's address.
     */
    DeliveryResult post(URI uri, String contentType, Map<String, String> headers, String body,
            Function<EgressResponse, DeliveryResult> onSuccess, Predicate<EgressResponse> rejectsAddress) {
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        allHeaders.put("Content-Type", contentType);

        EgressResponse response;
        try {
            response = client.send("POST", uri, allHeaders, body, timeout);
        } catch (EgressRejectedException e) {
            // DNS may recover, but an internal address or a malformed URL needs a configuration change.
            if (e.reason() == EgressRejectedException.Reason.UNRESOLVED_HOST) {
                return new DeliveryResult.RetryableFailure("request not sent: " + e.getMessage(), Optional.empty());
            }
            return new DeliveryResult.PermanentFailure("request not sent: " + e.getMessage());
        } catch (IOException e) {
            return new DeliveryResult.RetryableFailure("request failed: " + e, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.RetryableFailure("interrupted while waiting for the response", Optional.empty());
        }
        if (rejectsAddress.test(response)) {
            return new DeliveryResult.PermanentFailure(
                    "HTTP " + response.statusCode() + ": " + excerpt(response.body()), true);
        }
        return classify(response, onSuccess);
    }

    static DeliveryResult classify(EgressResponse response, Function<EgressResponse, DeliveryResult> onSuccess) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return onSuccess.apply(response);
        }
        String reason = "HTTP " + status + ": " + excerpt(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            return new DeliveryResult.RetryableFailure(reason,
                    response.header("Retry-After").flatMap(value -> retryAfter(value, Instant.now())));
        }
        return new DeliveryResult.PermanentFailure(reason);
    }

    /** Parses a {@code Retry-After} value: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= EXCERPT_LENGTH ? flat : flat.substring(0, EXCERPT_LENGTH) + "...";
    }
}
