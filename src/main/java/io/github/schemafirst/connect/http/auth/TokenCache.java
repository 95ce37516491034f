package io.github.schemafirst.connect.http.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Holds an access token until shortly before it expires: a token is given up {@link #margin(Duration)} before its
 * {@code expires_in}, so a request never leaves with a token that expires in flight. A token without
 * {@code expires_in} is kept until the server rejects it.
 */
public final class TokenCache {
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private String token;
    private Instant refreshAt;

    /** The cached token if it is still good at {@code now}. */
    public Optional<String> current(Instant now) {
        if (token == null || (refreshAt != null && !now.isBefore(refreshAt))) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    public void store(String accessToken, Duration expiresIn, Instant now) {
        this.token = accessToken;
        this.refreshAt = expiresIn == null ? null : now.plus(expiresIn.minus(margin(expiresIn)));
    }

    public void invalidate() {
        token = null;
        refreshAt = null;
    }

    /** 30 seconds, or half the lifetime for tokens that live less than a minute. */
    public static Duration margin(Duration expiresIn) {
        Duration half = expiresIn.dividedBy(2);
        return half.compareTo(MAX_MARGIN) < 0 ? half : MAX_MARGIN;
    }
}
