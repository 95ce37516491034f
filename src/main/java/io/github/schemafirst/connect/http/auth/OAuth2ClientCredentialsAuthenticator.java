package io.github.schemafirst.connect.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.http.request.BodySnippet;
import io.github.schemafirst.connect.net.BoundedExchange;
import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.Header;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 4.4): fetches a token from the token endpoint (client id and secret
 * in HTTP basic auth, as the RFC requires servers to accept), caches it until shortly before it expires, and
 * fetches a new one once when the API answers 401.
 */
public final class OAuth2ClientCredentialsAuthenticator implements Authenticator {
    private static final Logger log = LoggerFactory.getLogger(OAuth2ClientCredentialsAuthenticator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal MAX_LIFETIME_SECONDS = BigDecimal.valueOf(Duration.ofDays(365).getSeconds());

    private final HttpClient client;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Duration timeout;
    private final Clock clock;
    private final TokenCache cache = new TokenCache();
    private final Secrets secrets;
    private final long maxBodyBytes;

    public OAuth2ClientCredentialsAuthenticator(HttpClient client, URI tokenUrl, String clientId, String clientSecret,
                                                String scope, Duration timeout, Clock clock) {
        this(client, tokenUrl, clientId, clientSecret, scope, timeout, 64L * 1024 * 1024, clock, Secrets.none());
    }

    /**
     * @param client       must not follow redirects: the client secret goes to {@code tokenUrl} and nowhere else
     * @param timeout      the whole token exchange, body included
     * @param maxBodyBytes the longest token response read
     * @param secrets      where each token fetched is registered, so it is masked wherever the API echoes it
     */
    public OAuth2ClientCredentialsAuthenticator(HttpClient client, URI tokenUrl, String clientId, String clientSecret,
                                                String scope, Duration timeout, long maxBodyBytes, Clock clock,
                                                Secrets secrets) {
        this.secrets = secrets;
        this.maxBodyBytes = maxBodyBytes;
        this.client = client;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope == null ? "" : scope;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public List<Header> headers() throws IOException, InterruptedException {
        Optional<String> token = cache.current(clock.instant());
        String value = token.isPresent() ? token.get() : fetchToken();
        return List.of(new Header("Authorization", "Bearer " + value));
    }

    @Override
    public boolean refreshAfterUnauthorized() {
        log.info("API answered 401: fetching a new OAuth2 token from {}", tokenUrl);
        cache.invalidate();
        return true;
    }

    /**
     * The token's lifetime from {@code expires_in}: any JSON number or numeric string ({@code 3600},
     * {@code 3600.0}, {@code "3600"}, {@code 1.5}), to the millisecond; null when absent, not a number, or negative.
     * Lifetimes beyond a year are read as a year.
     */
    static Duration lifetime(JsonNode expiresIn) {
        BigDecimal seconds;
        try {
            if (expiresIn != null && expiresIn.isNumber()) {
                seconds = expiresIn.decimalValue();
            } else if (expiresIn != null && expiresIn.isTextual()) {
                seconds = new BigDecimal(expiresIn.textValue().trim());
            } else {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (seconds.signum() < 0) {
            return null;
        }
        BigDecimal millis = seconds.min(MAX_LIFETIME_SECONDS).movePointRight(3).setScale(0, RoundingMode.DOWN);
        return Duration.ofMillis(millis.longValueExact());
    }

    private String fetchToken() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials"
                + (scope.isEmpty() ? "" : "&scope=" + Escaping.URL.escape(scope));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Authorization", StaticHeaderAuthenticator.basicValue(
                        Escaping.URL.escape(clientId), Escaping.URL.escape(clientSecret)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<byte[]> response = BoundedExchange.send(client, request, timeout, maxBodyBytes);
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            // worth retrying: the fetcher's retry loop treats IOExceptions like connection errors
            throw new IOException("OAuth2 token endpoint " + tokenUrl + " returned " + status + ": "
                    + BodySnippet.of(response.body()));
        }
        if (status >= 300 && status < 400) {
            throw new ConnectException("OAuth2 token endpoint " + tokenUrl + " answered a redirect (HTTP " + status
                    + ") to " + secrets.mask(response.headers().firstValue("Location").orElse("nowhere"))
                    + ": the client secret is never sent on; set http.auth.oauth2.token.url to the final URL");
        }
        if (status < 200 || status >= 300) {
            throw new ConnectException("OAuth2 token request to " + tokenUrl + " failed with HTTP " + status
                    + " (check http.auth.oauth2.client.id, .client.secret and .scope): "
                    + BodySnippet.of(response.body()));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ConnectException("OAuth2 token endpoint " + tokenUrl + " returned a body that is not JSON: "
                    + BodySnippet.of(response.body()));
        }
        JsonNode accessToken = body == null ? null : body.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.textValue().isEmpty()) {
            throw new ConnectException("OAuth2 token endpoint " + tokenUrl + " returned no access_token");
        }
        JsonNode expiresIn = body.get("expires_in");
        Duration lifetime = lifetime(expiresIn);
        if (lifetime == null && expiresIn != null && !expiresIn.isNull()) {
            log.warn("Ignoring unreadable expires_in {} from {}: the token is kept until the API refuses it",
                    expiresIn, tokenUrl);
        }
        secrets.addToken(accessToken.textValue());
        cache.store(accessToken.textValue(), lifetime, clock.instant());
        return accessToken.textValue();
    }
}
