package io.github.schemafirst.connect.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsATokenUntilItsExpiryMinusTheMargin() {
        TokenCache cache = new TokenCache();
        cache.store("t1", Duration.ofSeconds(3600), T0);
        assertThat(cache.current(T0.plusSeconds(3569))).contains("t1");
        assertThat(cache.current(T0.plusSeconds(3570))).isEmpty();
    }

    @Test
    void shortLivedTokensRefreshAtHalfTheirLifetime() {
        assertThat(TokenCache.margin(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(10));
        assertThat(TokenCache.margin(Duration.ofSeconds(600))).isEqualTo(Duration.ofSeconds(30));
        TokenCache cache = new TokenCache();
        cache.store("t", Duration.ofSeconds(20), T0);
        assertThat(cache.current(T0.plusSeconds(9))).contains("t");
        assertThat(cache.current(T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void aTokenWithoutLifetimeLastsUntilInvalidated() {
        TokenCache cache = new TokenCache();
        assertThat(cache.current(T0)).isEmpty();
        cache.store("t", null, T0);
        assertThat(cache.current(T0.plus(Duration.ofDays(365)))).contains("t");
        cache.invalidate();
        assertThat(cache.current(T0)).isEmpty();
    }
}
