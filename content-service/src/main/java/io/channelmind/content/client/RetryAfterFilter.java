package io.channelmind.content.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.client.impl.PreservesThreadClientResponseFilter;

/**
 * Reads the {@code Retry-After} header of a 429 response to a chat-completion request and raises
 * {@link ProviderRateLimitedException} with it. The OpenAI client of quarkus-langchain4j 1.10
 * turns an error status into an exception that keeps only the status and body, so the header
 * must be read here, where the REST client still has the response. Quarkus registers this
 * {@link Provider} for every REST client of the application; it acts only on chat completions.
 *
 * The filter only reads a header, so it runs on the thread that received the response.
 * A plain {@link ClientResponseFilter} would be moved to the Quarkus worker pool, and when
 * every worker thread was waiting for a model response, those responses could never be
 * filtered: the service then hung until each call timed out.
 * NOTE: {@link PreservesThreadClientResponseFilter} is in an impl package of the Quarkus REST
 * client (Quarkus 3.33) and may move in a later version.
 */
@Provider
public class RetryAfterFilter implements PreservesThreadClientResponseFilter {

    static final int TOO_MANY_REQUESTS = 429;

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() != TOO_MANY_REQUESTS || !request.getUri().getPath().endsWith("/chat/completions")) {
            return;
        }
        Optional<Duration> wait = parse(response.getHeaderString("Retry-After"), ZonedDateTime.now());
        if (wait.isPresent()) {
            throw new ProviderRateLimitedException(wait.get());
        }
    }

    /**
     * Parses a {@code Retry-After} value: delay seconds or an HTTP date (RFC 9110, section
     * 10.2.3). Returns empty for a missing or invalid value; a date in the past is no wait.
     */
    static Optional<Duration> parse(String value, ZonedDateTime now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
