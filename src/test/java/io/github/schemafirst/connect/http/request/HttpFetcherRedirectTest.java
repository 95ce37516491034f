package io.github.schemafirst.connect.http.request;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.http.HttpClients;
import io.github.schemafirst.connect.http.HttpSourceConfig;
import io.github.schemafirst.connect.http.LoopbackHttpServer;
import io.github.schemafirst.connect.http.RequestTemplate;
import io.github.schemafirst.connect.http.auth.Authenticators;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.http.auth.Secrets;
import io.github.schemafirst.connect.net.ResponseBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects between two real loopback servers on two ports (two origins), with the fetcher, client, authenticator
 * and policy built from config as the task builds them: followed within the endpoint's origin with the connector
 * attaching credentials itself, refused to another origin unless allowed, and then without credentials.
 */
class HttpFetcherRedirectTest {
    private static final String KEY = "key-value-0001";
    private static final String SECOND = "second-secret-0002";

    private final LoopbackHttpServer a = new LoopbackHttpServer();
    private final LoopbackHttpServer b = new LoopbackHttpServer();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private HttpSourceConfig config(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.url", a.url("/api"));
        props.put("http.auth.type", "api-key");
        props.put("http.auth.api.key.name", "X-Api-Key");
        props.put("http.auth.api.key.value", KEY);
        props.put("http.auth.secret.headers", "X-Second-Key: " + SECOND);
        props.put("http.headers", "X-Client: redirect-test");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new HttpSourceConfig(props);
    }

    private static HttpResponse<ResponseBody> fetch(HttpSourceConfig config, String method, String url, String body)
            throws InterruptedException {
        Secrets secrets = Secrets.fromConfig(config);
        HttpClient client = HttpClients.fromConfig(config);
        HttpFetcher fetcher = new HttpFetcher(client, Authenticators.fromConfig(config, client,
                Clock.systemUTC(), secrets), OriginPolicy.fromConfig(config, secrets), Duration.ofSeconds(5), 1,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.0), new RecordingSleeper(),
                Clock.systemUTC());
        RequestSpec template = RequestTemplate.fromConfig(config).request(URI.create(url), Map.of());
        return fetcher.fetch(new RequestSpec(method, template.uri(), template.headers(), body, "application/json"));
    }

    private static HttpResponse<ResponseBody> get(HttpSourceConfig config, String url) throws InterruptedException {
        return fetch(config, "GET", url, null);
    }

    private static String text(HttpResponse<ResponseBody> response) {
        return new String(response.body().bytes(), StandardCharsets.UTF_8);
    }

    private static void redirect(LoopbackHttpServer server, String path, int status, String location) {
        server.on(path, (exchange, request) -> respond(exchange, status, "", Map.of("Location", location)));
    }

    @Test
    void anErrorBodyThatEchoesTheKeysIsMaskedInTheFailure() {
        a.on("/api", (exchange, request) -> respond(exchange, 403, "{\"error\":\"key " + KEY + " and " + SECOND
                + " are not allowed\"}"));

        assertThatThrownBy(() -> get(config(), a.url("/api")))
                .isInstanceOf(HttpStatusException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("****")
                .hasMessageNotContaining(KEY)
                .hasMessageNotContaining(SECOND);
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedAndTheConnectorAttachesTheCredentials() throws Exception {
        redirect(a, "/old", 301, "/new?x=1");
        a.on("/new", (exchange, request) -> respond(exchange, 200, "[\"new\"]"));
        assertThat(text(get(config(), a.url("/old")))).isEqualTo("[\"new\"]");
        LoopbackHttpServer.RecordedRequest followed = a.requests("/new").get(0);
        assertThat(followed.header("X-Api-Key")).isEqualTo(KEY);
        assertThat(followed.header("X-Second-Key")).isEqualTo(SECOND);
        assertThat(followed.header("X-Client")).isEqualTo("redirect-test");
        assertThat(followed.query).isEqualTo("x=1");
    }

    @Test
    void anApiKeyInTheQueryIsAddedOnceToTheRedirectTargetEvenWhenTheLocationEchoesIt() throws Exception {
        redirect(a, "/old", 302, a.url("/new?api_key=" + KEY + "&x=1"));
        a.on("/new", (exchange, request) -> respond(exchange, 200, "[]"));
        get(config("http.auth.api.key.name", "api_key", "http.auth.api.key.location", "query"), a.url("/old"));
        LoopbackHttpServer.RecordedRequest followed = a.requests("/new").get(0);
        assertThat(followed.query).isEqualTo("x=1&api_key=" + KEY);
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedByDefaultNamingTheLocationWithoutTheKey() {
        redirect(a, "/away", 302, b.url("/items?api_key=" + KEY));
        b.on("/items", (exchange, request) -> respond(exchange, 200, "[]"));
        String origin = "http://127.0.0.1:" + URI.create(b.url("/")).getPort();
        assertThatThrownBy(() -> get(config("http.auth.api.key.name", "api_key", "http.auth.api.key.location",
                "query"), a.url("/away")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("GET " + a.url("/away") + " was redirected (HTTP 302) to "
                        + b.url("/items?api_key=****") + ": refused, it leads to " + origin)
                .hasMessageContaining("add " + origin + " to http.allowed.origins")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThat(b.requests()).isEmpty();
    }

    @Test
    void aRedirectToAnAllowedOriginIsFollowedWithoutAnyCredentials() throws Exception {
        redirect(a, "/away", 307, b.url("/items?api_key=" + KEY + "&page=2"));
        b.on("/items", (exchange, request) -> respond(exchange, 200, "[\"from b\"]"));
        HttpSourceConfig config = config("http.auth.api.key.name", "api_key", "http.auth.api.key.location", "query",
                "http.allowed.origins", b.url("/"));
        assertThat(text(get(config, a.url("/away")))).isEqualTo("[\"from b\"]");
        LoopbackHttpServer.RecordedRequest atB = b.requests("/items").get(0);
        assertThat(atB.query).isEqualTo("page=2");
        assertThat(atB.header("X-Second-Key")).isNull();
        assertThat(atB.header("X-Client")).isEqualTo("redirect-test");
        assertThat(param(a.requests("/away").get(0), "api_key")).isEqualTo(KEY);

        // the same with the key in a header: the JDK would have sent this header on to b
        redirect(a, "/away-header", 302, b.url("/items"));
        get(config("http.allowed.origins", b.url("/")), a.url("/away-header"));
        LoopbackHttpServer.RecordedRequest header = b.requests("/items").get(1);
        assertThat(header.header("X-Api-Key")).isNull();
        assertThat(header.header("X-Second-Key")).isNull();
        assertThat(header.header("Authorization")).isNull();
        assertThat(a.requests("/away-header").get(0).header("X-Api-Key")).isEqualTo(KEY);
    }

    @Test
    void aBearerTokenNeverFollowsARedirectToAnAllowedOrigin() throws Exception {
        redirect(a, "/away", 308, b.url("/items"));
        b.on("/items", (exchange, request) -> respond(exchange, 200, "[]"));
        get(config("http.auth.type", "bearer", "http.auth.token", "bearer-token-0003", "http.allowed.origins",
                b.url("")), a.url("/away"));
        assertThat(a.requests("/away").get(0).header("Authorization")).isEqualTo("Bearer bearer-token-0003");
        assertThat(b.requests("/items").get(0).header("Authorization")).isNull();
    }

    @Test
    void postIsRepeatedOn307AndBecomesGetOn303() throws Exception {
        redirect(a, "/keep", 307, "/target");
        redirect(a, "/see-other", 303, "/target");
        a.on("/target", (exchange, request) -> respond(exchange, 200, "[]"));
        fetch(config(), "POST", a.url("/keep"), "{\"q\":1}");
        fetch(config(), "POST", a.url("/see-other"), "{\"q\":2}");
        assertThat(a.requests("/target")).extracting(r -> r.method + " " + r.body)
                .containsExactly("POST {\"q\":1}", "GET ");
    }

    @Test
    void aRedirectLoopEndsAfterFiveRedirects() {
        redirect(a, "/loop", 302, "/loop");
        assertThatThrownBy(() -> get(config(), a.url("/loop"))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("was redirected more than 5 times");
        assertThat(a.requests("/loop")).hasSize(6);
    }

    @Test
    void theOAuth2ClientSecretNeverFollowsARedirectOfTheTokenEndpoint() {
        redirect(a, "/token", 307, b.url("/token"));
        b.on("/token", (exchange, request) -> respond(exchange, 200, "{\"access_token\":\"stolen-token\"}"));
        HttpSourceConfig config = config("http.auth.type", "oauth2-client-credentials",
                "http.auth.oauth2.token.url", a.url("/token"), "http.auth.oauth2.token.url.allow.http", "true",
                "http.auth.oauth2.client.id", "client", "http.auth.oauth2.client.secret", "client-secret-0004",
                "http.allowed.origins", b.url(""));
        assertThatThrownBy(() -> get(config, a.url("/api"))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("answered a redirect (HTTP 307) to " + b.url("/token"))
                .hasMessageContaining("the client secret is never sent on");
        assertThat(b.requests()).isEmpty();
        assertThat(a.requests("/api")).isEmpty();
    }

    @Test
    void a401FromAnAllowedOriginDoesNotFetchANewToken() {
        AtomicInteger tokens = new AtomicInteger();
        a.on("/token", (exchange, request) -> respond(exchange, 200,
                "{\"access_token\":\"access-token-" + tokens.incrementAndGet() + "\",\"expires_in\":3600}"));
        redirect(a, "/away", 302, b.url("/items"));
        b.on("/items", (exchange, request) -> respond(exchange, 401, "{\"error\":\"who are you\"}"));
        HttpSourceConfig config = config("http.auth.type", "oauth2-client-credentials",
                "http.auth.oauth2.token.url", a.url("/token"), "http.auth.oauth2.token.url.allow.http", "true",
                "http.auth.oauth2.client.id", "client", "http.auth.oauth2.client.secret", "client-secret-0004",
                "http.allowed.origins", b.url(""));
        assertThatThrownBy(() -> get(config, a.url("/away"))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("failed with HTTP 401");
        assertThat(tokens).hasValue(1);
        assertThat(b.requests("/items")).hasSize(1);
        assertThat(b.requests("/items").get(0).header("Authorization")).isNull();
    }
}
