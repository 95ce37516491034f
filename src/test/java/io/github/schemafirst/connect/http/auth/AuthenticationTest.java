package io.github.schemafirst.connect.http.auth;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.http.HttpSourceConfig;
import io.github.schemafirst.connect.http.LoopbackHttpServer;
import io.github.schemafirst.connect.http.MutableClock;
import io.github.schemafirst.connect.http.request.Backoff;
import io.github.schemafirst.connect.http.request.HttpFetcher;
import io.github.schemafirst.connect.http.request.RecordingSleeper;
import io.github.schemafirst.connect.http.request.RequestSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each auth type, built from config as the task builds it, against a real loopback server. */
class AuthenticationTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    @AfterEach
    void close() {
        server.close();
    }

    private Authenticator authenticator(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.url", server.url("/api"));
        props.put("http.auth.oauth2.token.url.allow.http", "true"); // the loopback token endpoint is http
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return Authenticators.fromConfig(new HttpSourceConfig(props), client, clock);
    }

    private void get(Authenticator auth, String path) throws InterruptedException {
        new HttpFetcher(client, auth, Duration.ofSeconds(5), 3,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.0), new RecordingSleeper(), clock)
                .fetch(new RequestSpec("GET", URI.create(server.url(path)), List.of(), null, null));
    }

    private void apiAcceptingOnly(String authorization) {
        server.on("/api", (exchange, request) -> {
            boolean ok = authorization.equals(request.header("Authorization"));
            respond(exchange, ok ? 200 : 401, ok ? "[]" : "{\"error\":\"unauthorized\"}");
        });
    }

    @Test
    void basicSendsUtf8Credentials() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("jürgen:s3cr:t".getBytes(StandardCharsets.UTF_8));
        apiAcceptingOnly(expected);
        get(authenticator("http.auth.type", "basic", "http.auth.username", "jürgen", "http.auth.password", "s3cr:t"),
                "/api");
        assertThat(server.requests("/api")).hasSize(1);
    }

    @Test
    void bearerSendsTheToken() throws Exception {
        apiAcceptingOnly("Bearer tok-123");
        get(authenticator("http.auth.type", "bearer", "http.auth.token", "tok-123"), "/api");
        assertThat(server.requests("/api").get(0).header("Authorization")).isEqualTo("Bearer tok-123");
    }

    @Test
    void apiKeyInAHeader() throws Exception {
        server.on("/api", (exchange, request) -> respond(exchange, 200, "[]"));
        get(authenticator("http.auth.type", "api-key", "http.auth.api.key.name", "X-Api-Key",
                "http.auth.api.key.value", "k1"), "/api");
        assertThat(server.requests("/api").get(0).header("X-Api-Key")).isEqualTo("k1");
        assertThat(server.requests("/api").get(0).query).isNull();
    }

    @Test
    void apiKeyInTheQueryOnlyOnTheWire() throws Exception {
        server.on("/api", (exchange, request) -> respond(exchange, 200, "[]"));
        Authenticator auth = authenticator("http.auth.type", "api-key", "http.auth.api.key.name", "api_key",
                "http.auth.api.key.value", "k 1", "http.auth.api.key.location", "query");
        get(auth, "/api?page=2");
        assertThat(LoopbackHttpServer.param(server.requests("/api").get(0), "api_key")).isEqualTo("k 1");
        assertThat(LoopbackHttpServer.param(server.requests("/api").get(0), "page")).isEqualTo("2");
    }

    private OAuth2ClientCredentialsAuthenticator oauth(long expiresIn) {
        return oauth(Long.toString(expiresIn));
    }

    /** @param expiresIn the JSON text of {@code expires_in} in the token response */
    private OAuth2ClientCredentialsAuthenticator oauth(String expiresIn) {
        server.on("/token", (exchange, request) -> {
            int n = tokensIssued.incrementAndGet();
            respond(exchange, 200, "{\"access_token\":\"token-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + "}");
        });
        return (OAuth2ClientCredentialsAuthenticator) authenticator("http.auth.type", "oauth2-client-credentials",
                "http.auth.oauth2.token.url", server.url("/token"), "http.auth.oauth2.client.id", "my client",
                "http.auth.oauth2.client.secret", "s3cret", "http.auth.oauth2.scope", "read:items write");
    }

    @Test
    void oauth2FetchesATokenWithClientCredentialsAndCachesIt() throws Exception {
        server.on("/api", (exchange, request) -> respond(exchange, 200, "[]"));
        Authenticator auth = oauth(3600);
        get(auth, "/api");
        get(auth, "/api");

        assertThat(server.requests("/token")).hasSize(1);
        LoopbackHttpServer.RecordedRequest tokenRequest = server.requests("/token").get(0);
        assertThat(tokenRequest.method).isEqualTo("POST");
        assertThat(tokenRequest.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(tokenRequest.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("my%20client:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(URLDecoder.decode(tokenRequest.body, StandardCharsets.UTF_8))
                .isEqualTo("grant_type=client_credentials&scope=read:items write");
        assertThat(server.requests("/api")).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1");
    }

    @Test
    void oauth2RefreshesBeforeExpiry() throws Exception {
        server.on("/api", (exchange, request) -> respond(exchange, 200, "[]"));
        Authenticator auth = oauth(300);
        get(auth, "/api");
        clock.advance(Duration.ofSeconds(269)); // 300 s lifetime minus the 30 s margin: still good
        get(auth, "/api");
        clock.advance(Duration.ofSeconds(1));
        get(auth, "/api");
        assertThat(server.requests("/api")).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.0", "\"300\"", "\" 300 \"", "3e2"})
    void oauth2ReadsExpiresInAsAnyNumberOrNumericString(String expiresIn) throws Exception {
        server.on("/api", (exchange, request) -> respond(exchange, 200, "[]"));
        Authenticator auth = oauth(expiresIn);
        get(auth, "/api");
        clock.advance(Duration.ofSeconds(269));
        get(auth, "/api");
        clock.advance(Duration.ofSeconds(1));
        get(auth, "/api");
        assertThat(server.requests("/api")).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @Test
    void oauth2LifetimeFromExpiresIn() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(OAuth2ClientCredentialsAuthenticator.lifetime(json.readTree("1.5")))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(OAuth2ClientCredentialsAuthenticator.lifetime(json.readTree("\"3600\"")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(OAuth2ClientCredentialsAuthenticator.lifetime(json.readTree("1e30")))
                .isEqualTo(Duration.ofDays(365));
        assertThat(OAuth2ClientCredentialsAuthenticator.lifetime(json.readTree("-5"))).isNull();
        assertThat(OAuth2ClientCredentialsAuthenticator.lifetime(json.readTree("\"soon\""))).isNull();
        assertThat(OAuth2ClientCredentialsAuthenticator.lifetime(json.readTree("null"))).isNull();
        assertThat(OAuth2ClientCredentialsAuthenticator.lifetime(null)).isNull();
    }

    @Test
    void oauth2FetchesANewTokenOnceOnA401() throws Exception {
        server.on("/api", (exchange, request) -> {
            boolean revoked = "Bearer token-1".equals(request.header("Authorization"));
            respond(exchange, revoked ? 401 : 200, revoked ? "{\"error\":\"token revoked\"}" : "[]");
        });
        Authenticator auth = oauth(3600);
        get(auth, "/api");
        assertThat(server.requests("/api")).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(tokensIssued).hasValue(2);
    }

    @Test
    void oauth2GivesUpWhenTheFreshTokenIsRejectedToo() {
        server.on("/api", (exchange, request) -> respond(exchange, 401, "{\"error\":\"forbidden client\"}"));
        Authenticator auth = oauth(3600);
        assertThatThrownBy(() -> get(auth, "/api")).isInstanceOf(ConnectException.class)
                .hasMessageContaining("HTTP 401: {\"error\":\"forbidden client\"}");
        assertThat(server.requests("/api")).hasSize(2);
    }

    @Test
    void oauth2ReportsARejectedClientClearly() {
        server.on("/token", (exchange, request) -> respond(exchange, 400, "{\"error\":\"invalid_client\"}"));
        Authenticator auth = authenticator("http.auth.type", "oauth2-client-credentials",
                "http.auth.oauth2.token.url", server.url("/token"), "http.auth.oauth2.client.id", "c",
                "http.auth.oauth2.client.secret", "wrong");
        assertThatThrownBy(() -> get(auth, "/api")).isInstanceOf(ConnectException.class)
                .hasMessageContaining("OAuth2 token request to " + server.url("/token") + " failed with HTTP 400")
                .hasMessageContaining("invalid_client")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong"));
    }

    @Test
    void oauth2RetriesATokenEndpointOutage() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/token", (exchange, request) -> {
            if (calls.incrementAndGet() == 1) {
                respond(exchange, 503, "maintenance");
            } else {
                respond(exchange, 200, "{\"access_token\":\"t\",\"expires_in\":60}");
            }
        });
        server.on("/api", (exchange, request) -> respond(exchange, 200, "[]"));
        Authenticator auth = authenticator("http.auth.type", "oauth2-client-credentials",
                "http.auth.oauth2.token.url", server.url("/token"), "http.auth.oauth2.client.id", "c",
                "http.auth.oauth2.client.secret", "s");
        get(auth, "/api");
        assertThat(server.requests("/token")).hasSize(2);
        assertThat(server.requests("/api").get(0).header("Authorization")).isEqualTo("Bearer t");
    }
}
