package io.channelmind.content.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header of a 429 response to a chat-completion request. */
final class RetryAfter {

    static final int TOO_MANY_REQUESTS = 429;

    private RetryAfter() {
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
