package io.github.schemafirst.connect.http.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingDoublesPerAttemptUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        assertThat(backoff.ceiling(1)).isEqualTo(100);
        assertThat(backoff.ceiling(2)).isEqualTo(200);
        assertThat(backoff.ceiling(4)).isEqualTo(800);
        assertThat(backoff.ceiling(5)).isEqualTo(1000);
        assertThat(backoff.ceiling(1000)).isEqualTo(1000);
    }

    @Test
    void jitterStaysInTheUpperHalfOfTheCeiling() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.999999);
        assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(high.delay(3)).isEqualTo(Duration.ofMillis(399));
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMillis(Long.MAX_VALUE / 4), () -> 0.5);
        assertThat(backoff.delay(Integer.MAX_VALUE).toMillis()).isPositive();
    }

    @Test
    void zeroSettingsStillWaitAtLeastHalfTheMinimumCeiling() {
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ZERO, () -> 0.0);
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.delay(50)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.max()).isEqualTo(Backoff.MIN_CEILING);
    }
}
