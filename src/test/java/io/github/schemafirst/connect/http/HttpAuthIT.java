package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every auth type on a real Connect worker against a loopback API that checks the credentials on every request:
 * 25 items over 3 pages must arrive exactly as served, with no request turned away. OAuth2 client credentials runs
 * against a token endpoint issuing short-lived tokens, so the connector must fetch new ones while it keeps polling.
 */
class HttpAuthIT extends ConnectStackITBase {
    private static final String CLIENT_ID = "it-client";
    private static final String CLIENT_SECRET = "it-secret/+=";
    private static final String CLIENT_SECRET_ENCODED = "it-secret%2F%2B%3D";
    private final LoopbackHttpServer server = new LoopbackHttpServer();

    enum Auth {
        NONE, BASIC, BEARER, API_KEY_HEADER, API_KEY_QUERY, OAUTH2_CLIENT_CREDENTIALS,
        /** {@code "expires_in": 2.0}: once ignored, so the token was kept until the API refused it */
        OAUTH2_FRACTIONAL_EXPIRES_IN,
        /** {@code "expires_in": "2"} */
        OAUTH2_STRING_EXPIRES_IN;

        boolean oauth2() {
            return name().startsWith("OAUTH2");
        }
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A client-credentials token endpoint at {@code path}: checks the grant and the client's basic auth, issues
     * {@code tok-N} announced as living {@code expiresIn} (the JSON text of {@code expires_in}) seconds;
     * {@code acceptsToken} tells whether the API still takes a token after {@code acceptMillis}.
     */
    private static final class TokenEndpoint {
        final AtomicInteger issued = new AtomicInteger();
        final Map<String, Long> issuedAt = new ConcurrentHashMap<>();
        final long acceptMillis;

        TokenEndpoint(LoopbackHttpServer server, String path, String expiresIn, long acceptMillis) {
            this.acceptMillis = acceptMillis;
            server.on(path, (exchange, request) -> {
                // RFC 6749 2.3.1: id and secret are form-encoded before they go into basic auth
                if (!"POST".equals(request.method) || !request.body.startsWith("grant_type=client_credentials")
                        || !basic(CLIENT_ID, CLIENT_SECRET_ENCODED).equals(request.header("Authorization"))) {
                    respond(exchange, 401, "{\"error\":\"invalid_client\"}");
                    return;
                }
                String token = "tok-" + issued.incrementAndGet();
                issuedAt.put(token, System.nanoTime());
                respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":" + expiresIn + "}");
            });
        }

        boolean acceptsToken(LoopbackHttpServer.RecordedRequest request) {
            String authorization = request.header("Authorization");
            Long at = authorization == null ? null : issuedAt.get(authorization.replace("Bearer ", ""));
            return at != null && System.nanoTime() - at < Duration.ofMillis(acceptMillis).toNanos();
        }
    }

    private static void await(String what, IntSupplier count, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count.getAsInt() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected at least " + atLeast + ", got " + count.getAsInt());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @ParameterizedTest
    @EnumSource(Auth.class)
    void everyRequestAuthenticatesAndEveryItemArrivesOnce(Auth auth) {
        String name = "auth-" + auth.name().toLowerCase(Locale.ROOT);
        ItemsApi api = new ItemsApi(server, "/" + name, ItemsApi.Paging.PAGE_NUMBER, 10).add(1, 25);
        String topic = uniqueTopic(name);
        Map<String, String> config = ItemRecords.connectorConfig(api, topic, ConverterConfigs.schemalessJson());
        config.put("http.auth.type", auth == Auth.API_KEY_HEADER || auth == Auth.API_KEY_QUERY ? "api-key"
                : auth.oauth2() ? "oauth2-client-credentials" : auth.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        TokenEndpoint tokens = null;
        switch (auth) {
            case NONE:
                break;
            case BASIC:
                config.put("http.auth.username", "it-user");
                config.put("http.auth.password", "pässwörd:with colon");
                api.requireAuth(r -> basic("it-user", "pässwörd:with colon").equals(r.header("Authorization")));
                break;
            case BEARER:
                config.put("http.auth.token", "it-bearer-token");
                api.requireAuth(r -> "Bearer it-bearer-token".equals(r.header("Authorization")));
                break;
            case API_KEY_HEADER:
                config.put("http.auth.api.key.name", "X-Api-Key");
                config.put("http.auth.api.key.value", "it-key-1");
                api.requireAuth(r -> "it-key-1".equals(r.header("X-Api-Key")) && param(r, "api_key") == null);
                break;
            case API_KEY_QUERY:
                config.put("http.auth.api.key.name", "api_key");
                config.put("http.auth.api.key.value", "it key&2");
                config.put("http.auth.api.key.location", "query");
                api.requireAuth(r -> "it key&2".equals(param(r, "api_key")) && r.header("X-Api-Key") == null);
                break;
            case OAUTH2_CLIENT_CREDENTIALS:
            case OAUTH2_FRACTIONAL_EXPIRES_IN:
            case OAUTH2_STRING_EXPIRES_IN:
                // announced as living 2 s and refused by the API after 2 s: the connector must renew as it goes
                tokens = new TokenEndpoint(server, "/token-" + name, auth == Auth.OAUTH2_FRACTIONAL_EXPIRES_IN ? "2.0"
                        : auth == Auth.OAUTH2_STRING_EXPIRES_IN ? "\"2\"" : "2", 2000);
                config.put("http.auth.oauth2.token.url", server.url("/token-" + name));
                config.put("http.auth.oauth2.token.url.allow.http", "true");
                config.put("http.auth.oauth2.client.id", CLIENT_ID);
                config.put("http.auth.oauth2.client.secret", CLIENT_SECRET);
                api.requireAuth(tokens::acceptsToken);
                break;
            default:
                throw new IllegalStateException(auth.name());
        }
        connect.startConnector(name, config);

        assertThat(ItemRecords.jsonIds(connect.consume(topic, 25))).containsExactlyElementsOf(ItemRecords.range(1, 25));
        int lastId = 25;
        if (tokens != null) {
            TokenEndpoint issuer = tokens;
            // polling goes on past the first token's lifetime; items added after that still arrive
            await("tokens issued", issuer.issued::get, 3);
            api.add(26, 30);
            lastId = 30;
            assertThat(ItemRecords.jsonIds(connect.consume(topic, 30)).subList(25, 30))
                    .containsExactlyElementsOf(ItemRecords.range(26, 30));
            assertThat(issuer.issued.get()).isGreaterThan(1);
        }
        api.awaitRequestSince(Integer.toString(lastId), Duration.ofSeconds(30));
        assertThat(ItemRecords.jsonIds(connect.consumeAll(topic, false)))
                .containsExactlyElementsOf(ItemRecords.range(1, lastId));
        assertThat(api.rejected()).as("requests answered 401").isZero();
        connect.deleteConnector(name);
    }

    @Test
    void oauth2TokenRevokedBeforeItsAnnouncedExpiryIsReplacedAfterA401() {
        String name = "auth-oauth2-revoked";
        ItemsApi api = new ItemsApi(server, "/" + name, ItemsApi.Paging.CURSOR, 10).add(1, 25);
        // announced as living an hour, refused by the API after 700 ms: only the 401 tells the connector
        TokenEndpoint tokens = new TokenEndpoint(server, "/token-" + name, "3600", 700);
        api.requireAuth(tokens::acceptsToken);
        String topic = uniqueTopic(name);
        Map<String, String> config = ItemRecords.connectorConfig(api, topic, ConverterConfigs.schemalessJson());
        config.put("http.auth.type", "oauth2-client-credentials");
        config.put("http.auth.oauth2.token.url", server.url("/token-" + name));
        config.put("http.auth.oauth2.client.id", CLIENT_ID);
        config.put("http.auth.oauth2.client.secret", CLIENT_SECRET);
        config.put("http.auth.oauth2.scope", "items:read");
        config.put("http.auth.oauth2.token.url.allow.http", "true");
        connect.startConnector(name, config);

        assertThat(ItemRecords.jsonIds(connect.consume(topic, 25))).containsExactlyElementsOf(ItemRecords.range(1, 25));
        await("requests answered 401", api::rejected, 2);
        api.add(26, 40);
        assertThat(ItemRecords.jsonIds(connect.consume(topic, 40)).subList(25, 40))
                .containsExactlyElementsOf(ItemRecords.range(26, 40));
        api.awaitRequestSince("40", Duration.ofSeconds(30));
        assertThat(ItemRecords.jsonIds(connect.consumeAll(topic, false)))
                .containsExactlyElementsOf(ItemRecords.range(1, 40));
        assertThat(tokens.issued.get()).as("a new token after each 401")
                .isGreaterThanOrEqualTo(Math.max(2, api.rejected()));
        connect.awaitRunning(name, 1);
        connect.deleteConnector(name);
    }

    @Test
    void wrongCredentialsFailTheTaskWithTheStatus() {
        String name = "auth-wrong-bearer";
        ItemsApi api = new ItemsApi(server, "/" + name, ItemsApi.Paging.NONE, 10).add(1, 5)
                .requireAuth(r -> "Bearer right".equals(r.header("Authorization")));
        Map<String, String> config = ItemRecords.connectorConfig(api, uniqueTopic(name),
                ConverterConfigs.schemalessJson());
        config.put("http.auth.type", "bearer");
        config.put("http.auth.token", "wrong");
        connect.configureConnector(name, config);

        connect.awaitTasksFailed(name, 1);
        assertThat(connect.taskTrace(name, 0)).contains("HTTP 401").doesNotContain("Bearer wrong");
        assertThat(api.rejected()).isEqualTo(1);
        connect.deleteConnector(name);
    }
}
