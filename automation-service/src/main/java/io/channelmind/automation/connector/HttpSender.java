package io.channelmind.automation.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Makes the HTTP request of one connector attempt and turns transport errors and status codes
 * into a {@link DeliveryResult}: 408, 429 and 5xx are retryable with the response's
 * {@code Retry-After}, other 4xx are permanent, and 2xx is passed to the connector's own check
 * of the response body.
 */
final class HttpSender {

    private static final int EXCERPT_LENGTH = 200;

    private final HttpClient client;
    private final Duration timeout;

    HttpSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    DeliveryResult post(URI uri, String contentType, Map<String, String> headers, String body,
            Function<HttpResponse<String>, DeliveryResult> onSuccess) {
        return post(uri, contentType, headers, body, onSuccess, response -> false);
    }

    /**
     * Posts like {@link #post(URI, String, Map, String, Function)}, but first passes every response
     * to {@code rejectsAddress}. When it returns true, whatever the status, the result is a
     * permanent failure that rejects the recipient's address.
     */
    DeliveryResult post(URI uri, String contentType, Map<String, String> headers, String body,
            Function<HttpResponse<String>, DeliveryResult> onSuccess, Predicate<HttpResponse<String>> rejectsAddress) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);

        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    static DeliveryResult classify(HttpResponse<String> response, Function<HttpResponse<String>, DeliveryResult> onSuccess) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return onSuccess.apply(response);
        }
        String reason = "HTTP " + status + ": " + excerpt(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            return new DeliveryResult.RetryableFailure(reason,
                    response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value, Instant.now())));
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
