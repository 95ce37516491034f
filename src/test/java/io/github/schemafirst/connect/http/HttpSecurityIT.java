package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.it.ConfigValidation;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where credentials go, on a real Connect worker, with two loopback servers on two ports as two origins: the
 * endpoint's server {@code a} checks the credentials on every request, the other server {@code b} answers 400 to
 * any request that carries one. Links and redirects to {@code b} fail the task by default; with {@code b} in
 * {@code http.allowed.origins} they are followed without credentials. Secrets an API echoes into its links never
 * reach the offsets ({@code GET /connectors/{name}/offsets}), the dead-letter headers or the task's trace.
 */
class HttpSecurityIT extends ConnectStackITBase {
    private static final String KEY = "it-key-0001-secret";
    private static final String SECOND = "it-second-key-0002";

    private final LoopbackHttpServer a = new LoopbackHttpServer();
    private final LoopbackHttpServer b = new LoopbackHttpServer();

    /** How the connector authenticates, and how server {@code a} checks it. */
    enum Credentials {
        API_KEY_HEADER, API_KEY_QUERY, BEARER;

        void configure(Map<String, String> config) {
            config.put("http.auth.secret.headers", "X-Second-Key: " + SECOND);
            if (this == BEARER) {
                config.put("http.auth.type", "bearer");
                config.put("http.auth.token", KEY);
                return;
            }
            config.put("http.auth.type", "api-key");
            config.put("http.auth.api.key.value", KEY);
            config.put("http.auth.api.key.name", this == API_KEY_QUERY ? "api_key" : "X-Api-Key");
            config.put("http.auth.api.key.location", this == API_KEY_QUERY ? "query" : "header");
        }

        boolean presentOn(LoopbackHttpServer.RecordedRequest request) {
            boolean credential;
            switch (this) {
                case API_KEY_HEADER:
                    credential = KEY.equals(request.header("X-Api-Key"));
                    break;
                case API_KEY_QUERY:
                    credential = KEY.equals(param(request, "api_key"));
                    break;
                default:
                    credential = ("Bearer " + KEY).equals(request.header("Authorization"));
                    break;
            }
            return credential && SECOND.equals(request.header("X-Second-Key"));
        }
    }

    /** Anything that looks like a credential, in any header or in the query. */
    private static boolean carriesNoCredential(LoopbackHttpServer.RecordedRequest request) {
        String everything = request.uri() + " " + request.headers;
        return request.header("Authorization") == null && request.header("X-Api-Key") == null
                && request.header("X-Second-Key") == null && !everything.contains(KEY) && !everything.contains(SECOND)
                && param(request, "api_key") == null;
    }

    @AfterAll
    void stopServers() {
        a.close();
        b.close();
    }

    /**
     * Serves items on {@code path} of {@code server}, page {@code p} (query parameter, 1 when absent) holding the
     * ids {@code pages[p-1][0]..[1]}; {@code next} gives each page's next link (null: none), written into the body
     * ({@code "next"}) or as a {@code Link} header. Ids in {@code invalid} get a number as name (invalid records).
     * Requests failing {@code accept} get 401 (from {@code a}) or 400 (from {@code b}).
     */
    private static void serve(LoopbackHttpServer server, String path, long[][] pages, IntFunction<String> next,
                              boolean linkHeader, Set<Long> invalid, Predicate<LoopbackHttpServer.RecordedRequest> accept,
                              int refusal) {
        server.on(path, (exchange, request) -> {
            if (!accept.test(request)) {
                respond(exchange, refusal, "{\"error\":\"refused\"}");
                return;
            }
            String p = param(request, "p");
            int page = p == null ? 1 : Integer.parseInt(p);
            StringBuilder body = new StringBuilder("{\"items\":[");
            for (long id = pages[page - 1][0]; id <= pages[page - 1][1]; id++) {
                body.append(id > pages[page - 1][0] ? "," : "").append("{\"id\":").append(id).append(",\"name\":")
                        .append(invalid.contains(id) ? Long.toString(id) : "\"item-" + id + "\"").append('}');
            }
            body.append(']');
            String link = next.apply(page);
            Map<String, String> headers = new HashMap<>();
            if (link != null && linkHeader) {
                headers.put("Link", "<" + link + ">; rel=\"next\"");
            } else if (link != null) {
                body.append(",\"next\":\"").append(link).append('"');
            }
            respond(exchange, 200, body.append('}').toString(), headers);
        });
    }

    private static void redirect(LoopbackHttpServer server, String path, int status, String location) {
        server.on(path, (exchange, request) -> respond(exchange, status, "", Map.of("Location", location)));
    }

    /** One task, one cycle (the next is an hour away), one page per poll (so earlier pages are written first). */
    private static Map<String, String> config(String topic, String url, String pagination) {
        Map<String, String> config = new HashMap<>(ConverterConfigs.schemalessJson());
        config.put("connector.class", HttpSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("value.schema", ItemRecords.SCHEMA);
        config.put("http.url", url);
        config.put("http.records.pointer", "/items");
        config.put("http.poll.interval.ms", "3600000");
        config.put("http.pagination.type", pagination);
        if (pagination.equals("next-url")) {
            config.put("http.pagination.next.url.pointer", "/next");
        }
        config.put("batch.max.records", "10");
        return config;
    }

    private static String origin(LoopbackHttpServer server) {
        return "http://127.0.0.1:" + URI.create(server.url("/")).getPort();
    }

    private String failedTrace(String name) {
        connect.awaitTasksFailed(name, 1);
        return connect.taskTrace(name, 0);
    }

    @Test
    void aNextUrlToAnotherOriginFailsTheTaskByDefaultAndNothingIsSentThere() {
        String name = "sec-next-url-refused";
        serve(a, "/" + name, new long[][] {{1, 10}, {11, 20}},
                page -> page == 1 ? b.url("/" + name + "?p=2&api_key=" + KEY) : null, false, Set.of(),
                Credentials.API_KEY_HEADER::presentOn, 401);
        serve(b, "/" + name, new long[][] {{1, 10}, {11, 20}}, page -> null, false, Set.of(),
                HttpSecurityIT::carriesNoCredential, 400);
        String topic = uniqueTopic(name);
        Map<String, String> config = config(topic, a.url("/" + name), "next-url");
        Credentials.API_KEY_HEADER.configure(config);
        connect.configureConnector(name, config);

        String trace = failedTrace(name);
        assertThat(trace).contains("Refusing the next-page link " + b.url("/" + name + "?p=2") + " of "
                        + a.url("/" + name) + ": it leads to " + origin(b))
                .contains("add " + origin(b) + " to http.allowed.origins").doesNotContain(KEY);
        assertThat(b.requests("/" + name)).isEmpty();
        // the page holding the link was written before the task failed
        assertThat(ItemRecords.jsonIds(connect.consume(topic, 10))).isEqualTo(ItemRecords.range(1, 10));
        connect.deleteConnector(name);
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void withTheOtherOriginAllowedLinksAreFollowedButItNeverReceivesACredential(Credentials credentials) {
        String name = "sec-allowed-" + credentials.name().toLowerCase(Locale.ROOT).replace('_', '-');
        // a's first page links to b (echoing the key); b's pages link on relatively, within b
        serve(a, "/" + name, new long[][] {{1, 10}}, page -> b.url("/" + name + "?p=2&api_key=" + KEY), true,
                Set.of(), credentials::presentOn, 401);
        serve(b, "/" + name, new long[][] {{}, {11, 20}, {21, 25}},
                page -> page == 2 ? "/" + name + "?p=3" : null, true, Set.of(), HttpSecurityIT::carriesNoCredential,
                400);
        String topic = uniqueTopic(name);
        Map<String, String> config = config(topic, a.url("/" + name), "link-header");
        credentials.configure(config);
        config.put("http.allowed.origins", origin(b));
        connect.startConnector(name, config);

        assertThat(ItemRecords.jsonIds(connect.consume(topic, 25))).isEqualTo(ItemRecords.range(1, 25));
        assertThat(a.requests("/" + name)).hasSize(1).allMatch(credentials::presentOn);
        assertThat(b.requests("/" + name)).extracting(LoopbackHttpServer.RecordedRequest::uri)
                .containsExactly("/" + name + "?p=2", "/" + name + "?p=3");
        assertThat(b.requests("/" + name)).allMatch(HttpSecurityIT::carriesNoCredential);
        connect.awaitRunning(name, 1);
        connect.deleteConnector(name);
    }

    @Test
    void aRedirectToAnotherOriginFailsTheTaskNamingTheLocationWithoutTheKey() {
        String name = "sec-redirect-refused";
        redirect(a, "/" + name, 302, b.url("/" + name + "-items?api_key=" + KEY));
        serve(b, "/" + name + "-items", new long[][] {{1, 5}}, page -> null, false, Set.of(),
                HttpSecurityIT::carriesNoCredential, 400);
        Map<String, String> config = config(uniqueTopic(name), a.url("/" + name), "none");
        Credentials.API_KEY_QUERY.configure(config);
        connect.configureConnector(name, config);

        String trace = failedTrace(name);
        assertThat(trace).contains("GET " + a.url("/" + name) + " was redirected (HTTP 302) to "
                        + b.url("/" + name + "-items?api_key=****") + ": refused, it leads to " + origin(b))
                .contains("add " + origin(b) + " to http.allowed.origins").doesNotContain(KEY);
        assertThat(b.requests("/" + name + "-items")).isEmpty();
        connect.deleteConnector(name);
    }

    @Test
    void redirectsWithinTheOriginCarryTheKeyAndToAnAllowedOriginNone() {
        String name = "sec-redirect-followed";
        // a: /moved -> 301 -> /here (same origin, key required); /away -> 307 -> b (allowed, no key accepted)
        redirect(a, "/" + name + "-moved", 301, "/" + name + "-here");
        serve(a, "/" + name + "-here", new long[][] {{1, 5}}, page -> null, false, Set.of(),
                Credentials.API_KEY_HEADER::presentOn, 401);
        redirect(a, "/" + name + "-away", 307, b.url("/" + name + "-there"));
        serve(b, "/" + name + "-there", new long[][] {{6, 10}}, page -> null, false, Set.of(),
                HttpSecurityIT::carriesNoCredential, 400);
        String topic = uniqueTopic(name);
        Map<String, String> config = config(topic, "", "none");
        config.remove("http.url");
        config.put("http.urls", a.url("/" + name + "-moved") + "," + a.url("/" + name + "-away"));
        Credentials.API_KEY_HEADER.configure(config);
        config.put("http.allowed.origins", origin(b));
        connect.startConnector(name, config);

        assertThat(ItemRecords.jsonIds(connect.consume(topic, 10))).containsExactlyInAnyOrderElementsOf(
                ItemRecords.range(1, 10));
        assertThat(a.requests("/" + name + "-here")).hasSize(1).allMatch(Credentials.API_KEY_HEADER::presentOn);
        assertThat(a.requests("/" + name + "-away")).hasSize(1).allMatch(Credentials.API_KEY_HEADER::presentOn);
        assertThat(b.requests("/" + name + "-there")).hasSize(1).allMatch(HttpSecurityIT::carriesNoCredential);
        connect.awaitRunning(name, 1);
        connect.deleteConnector(name);
    }

    /** How the API echoes the credential into its next links. */
    enum Echo {
        /** the query API key, under its own name */
        QUERY_KEY_BY_NAME,
        /** the bearer token, as {@code access_token=} */
        BEARER_TOKEN_BY_VALUE
    }

    @ParameterizedTest
    @EnumSource(Echo.class)
    void secretsEchoedInLinksReachNeitherOffsetsNorDeadLetterHeadersNorTheTrace(Echo echo) {
        String name = "sec-echo-" + echo.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Credentials credentials = echo == Echo.QUERY_KEY_BY_NAME ? Credentials.API_KEY_QUERY : Credentials.BEARER;
        String echoed = echo == Echo.QUERY_KEY_BY_NAME ? "&api_key=" + KEY : "&access_token=" + KEY;
        // pages 1 and 2 link on echoing the secret; page 2 holds an invalid record; page 3 links to b, refused
        serve(a, "/" + name, new long[][] {{1, 10}, {11, 20}, {21, 25}},
                page -> page < 3 ? "/" + name + "?p=" + (page + 1) + echoed : b.url("/" + name + "?p=4" + echoed),
                false, Set.of(13L), credentials::presentOn, 401);
        String topic = uniqueTopic(name);
        String deadLetters = uniqueTopic(name + "-dlq");
        Map<String, String> config = config(topic, a.url("/" + name), "next-url");
        credentials.configure(config);
        config.put("invalid.record.policy", "dead-letter");
        config.put("invalid.record.topic", deadLetters);
        connect.configureConnector(name, config);

        String trace = failedTrace(name);
        assertThat(trace).contains("Refusing the next-page link " + b.url("/" + name + "?p=4")).doesNotContain(KEY);
        List<Long> ids = ItemRecords.jsonIds(connect.consume(topic, 19));
        List<Long> expected = new ArrayList<>(ItemRecords.range(1, 20));
        expected.remove(13L);
        assertThat(ids).isEqualTo(expected);

        ConsumerRecord<byte[], byte[]> deadLetter = connect.consume(deadLetters, 1).get(0);
        Map<String, String> headers = new HashMap<>();
        for (Header header : deadLetter.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers.get(RecordPipeline.HEADER_POSITION)).isEqualTo(a.url("/" + name + "?p=2#2"));
        assertThat(headers.values()).allSatisfy(value -> assertThat(value).doesNotContain(KEY));

        // the last committed offset points into page 2, by its link: as the API wrote it, minus the secret
        JsonNode offsets = awaitOffset(name, offset -> offset.path("cycle.skip").asLong() == 10
                && !offset.path("cycle.page").asText().isEmpty());
        assertThat(offsets.toString()).doesNotContain(KEY).doesNotContain("api_key").doesNotContain("access_token");
        assertThat(offsets.path("offsets").get(0).path("offset").path("cycle.page").asText())
                .isEqualTo(a.url("/" + name + "?p=2"));
        assertThat(a.requests("/" + name)).hasSize(3).allMatch(credentials::presentOn);
        assertThat(b.requests("/" + name)).isEmpty();
        connect.deleteConnector(name);
    }

    /** {@code GET /connectors/{name}/offsets} once its (only) offset satisfies {@code done}. */
    private JsonNode awaitOffset(String name, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode offsets = connect.rest().offsets(name);
        while (!(offsets.path("offsets").size() == 1 && done.test(offsets.path("offsets").get(0).path("offset")))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("offsets of " + name + " never got there: " + offsets);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            offsets = connect.rest().offsets(name);
        }
        return offsets;
    }

    @Test
    void validateReportsEachSecurityProblemOnItsKey() {
        Map<String, String> config = config(uniqueTopic("sec-validate"), "https://api.example.com/items",
                "next-url");
        config.put("name", "sec-validate");
        config.put("http.records.pointer", "/data/~2");
        config.put("http.auth.type", "oauth2-client-credentials");
        config.put("http.auth.oauth2.token.url", "http://auth.example.com/token");
        config.put("http.auth.oauth2.client.id", "client");
        config.put("http.auth.oauth2.client.secret", "client-secret");
        config.put("http.allowed.origins", "http://cdn.example.com,https://cdn.example.com/files");
        config.put("http.auth.secret.headers", "no-name-" + SECOND);
        ConfigValidation validation = connect.validate(HttpSourceConnector.class.getName(), config);

        assertThat(validation.errors()).containsOnlyKeys("http.records.pointer", "http.auth.oauth2.token.url",
                "http.allowed.origins", "http.auth.secret.headers");
        assertThat(validation.errorsFor("http.records.pointer")).singleElement().asString().contains("'~' at index 6");
        assertThat(validation.errorsFor("http.auth.oauth2.token.url")).singleElement().asString()
                .contains("http.auth.oauth2.token.url.allow.http=true");
        assertThat(validation.errorsFor("http.allowed.origins")).hasSize(2);
        assertThat(validation.errors().toString()).doesNotContain(SECOND);

        config.put("http.records.pointer", "/data/~1");
        config.put("http.auth.oauth2.token.url.allow.http", "true");
        config.put("http.allowed.origins", "https://cdn.example.com");
        config.put("http.auth.secret.headers", "X-Second-Key: " + SECOND);
        assertThat(connect.validate(HttpSourceConnector.class.getName(), config).errors()).isEmpty();
    }
}
