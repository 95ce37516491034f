package io.github.schemafirst.connect.http.request;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the ceiling doubles per failed attempt from {@code initial} up to {@code max},
 * and the delay is drawn from the upper half of it, so tasks hit by the same outage do not retry in lockstep. The
 * ceiling is never below {@link #MIN_CEILING}: even with both settings at 0 a failing request or page is not
 * repeated in a tight loop.
 */
public final class Backoff {
    /** The smallest ceiling, whatever the settings: the delay is then 50-100 ms. */
    public static final Duration MIN_CEILING = Duration.ofMillis(100);

    private final long initialMs;
    private final long maxMs;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMs = Math.max(initial.toMillis(), MIN_CEILING.toMillis());
        this.maxMs = Math.max(max.toMillis(), initialMs);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @param failedAttempts attempts that failed so far (1 after the first failure) */
    public Duration delay(int failedAttempts) {
        long ceiling = ceiling(failedAttempts);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /** The longest ceiling: {@code http.retry.backoff.max.ms}, at least {@link #MIN_CEILING}. */
    public Duration max() {
        return Duration.ofMillis(maxMs);
    }

    /** The largest delay {@link #delay} can return after that many failed attempts. */
    public long ceiling(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 62));
        long ceiling = initialMs;
        for (int i = 0; i < doublings && ceiling < maxMs; i++) {
            ceiling = ceiling > maxMs / 2 ? maxMs : ceiling * 2;
        }
        return Math.min(ceiling, maxMs);
    }
}
