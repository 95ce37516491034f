package io.github.schemafirst.connect.http.request;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header (RFC 9110 10.2.3): delay in seconds, or an HTTP-date. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * @param header the header value, may be null
     * @param now    the current time, to turn a date into a delay
     * @return the delay to wait (never negative), or empty when the header is absent or unreadable
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.trim().isEmpty()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
