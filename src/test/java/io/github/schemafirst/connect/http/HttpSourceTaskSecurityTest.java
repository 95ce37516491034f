package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.net.TlsLoopback;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task as the worker runs it, against two loopback servers on two ports (two origins), and an HTTPS one: links
 * to other origins, links from https to http, and APIs echoing the key into their links. No value schema is
 * declared, so records are JSON strings; a number is an invalid record.
 */
class HttpSourceTaskSecurityTest {
    private static final String KEY = "key-value-0001";

    private final LoopbackHttpServer a = new LoopbackHttpServer();
    private final LoopbackHttpServer b = new LoopbackHttpServer();
    private final List<HttpSourceTask> tasks = new ArrayList<>();

    @AfterEach
    void close() {
        tasks.forEach(HttpSourceTask::stop);
        a.close();
        b.close();
    }

    private HttpSourceTask start(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "events");
        props.put("http.poll.interval.ms", "3600000");
        props.put("http.pagination.type", "next-url");
        props.put("http.pagination.next.url.pointer", "/next");
        props.put("http.records.pointer", "/items");
        props.put("http.auth.type", "api-key");
        props.put("http.auth.api.key.name", "api_key");
        props.put("http.auth.api.key.value", KEY);
        props.put("http.auth.api.key.location", "query");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        HttpSourceTask task = new HttpSourceTask();
        task.start(props);
        tasks.add(task);
        return task;
    }

    /** A page of {@code items} (JSON text) whose next link is {@code next} (null: none). */
    private static void page(LoopbackHttpServer server, String path, String items, String next) {
        server.on(path, (exchange, request) -> respond(exchange, 200, "{\"items\":" + items
                + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}"));
    }

    private static List<SourceRecord> pollAll(HttpSourceTask task) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        List<SourceRecord> batch;
        while ((batch = task.poll()) != null) {
            records.addAll(batch);
        }
        return records;
    }

    @Test
    void aKeyTheApiEchoesIntoItsLinksReachesNoOffsetPositionOrDeadLetterHeader() throws Exception {
        page(a, "/p1", "[\"one\",\"two\"]", "/p2?from=2&api_key=" + KEY);
        page(a, "/p2", "[\"three\",42]", "/p3?from=4&api_key=" + KEY);
        page(a, "/p3", "[\"five\"]", null);
        List<SourceRecord> records = pollAll(start("http.url", a.url("/p1"),
                "invalid.record.policy", "dead-letter", "invalid.record.topic", "dlq"));

        assertThat(records).extracting(SourceRecord::value).containsExactly("one", "two", "three", "42", "five");
        assertThat(records).extracting(r -> r.sourceOffset().toString()).allSatisfy(offset ->
                assertThat(offset).doesNotContain(KEY).doesNotContain("api_key"));
        assertThat(records.get(3).sourceOffset().get("cycle.page")).isEqualTo(a.url("/p2?from=2"));
        SourceRecord deadLetter = records.get(3);
        assertThat(deadLetter.topic()).isEqualTo("dlq");
        Map<String, String> headers = new HashMap<>();
        for (Header header : deadLetter.headers()) {
            headers.put(header.key(), String.valueOf(header.value()));
        }
        assertThat(headers.get(RecordPipeline.HEADER_POSITION)).isEqualTo(a.url("/p2?from=2#1"));
        assertThat(headers.values()).allSatisfy(value -> assertThat(value).doesNotContain(KEY));
        // every request to the endpoint's origin carried the key exactly once, added by the connector
        assertThat(a.requests()).extracting(r -> r.path + " " + r.query).containsExactly(
                "/p1 api_key=" + KEY, "/p2 from=2&api_key=" + KEY, "/p3 from=4&api_key=" + KEY);
    }

    @Test
    void aLinkToAnotherOriginFailsTheTaskByDefaultBeforeAnyRequestGoesThere() {
        page(a, "/p1", "[\"one\"]", b.url("/p2?api_key=" + KEY));
        page(b, "/p2", "[\"two\"]", null);
        HttpSourceTask task = start("http.url", a.url("/p1"));
        String bOrigin = "http://127.0.0.1:" + URI.create(b.url("/")).getPort();
        assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Refusing the next-page link " + b.url("/p2") + " of " + a.url("/p1"))
                .hasMessageContaining("add " + bOrigin + " to http.allowed.origins")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThat(b.requests()).isEmpty();
    }

    @Test
    void anAllowedOriginIsFollowedAndNeverReceivesTheCredentials() throws Exception {
        page(a, "/p1", "[\"one\"]", b.url("/p2?api_key=" + KEY));
        page(b, "/p2", "[\"two\"]", "/p3");
        page(b, "/p3", "[\"three\"]", null);
        List<SourceRecord> records = pollAll(start("http.url", a.url("/p1"), "http.allowed.origins", b.url(""),
                "http.auth.secret.headers", "X-Second-Key: second-secret-0002"));
        assertThat(records).extracting(SourceRecord::value).containsExactly("one", "two", "three");
        assertThat(b.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.query).isNull();
            assertThat(request.header("X-Second-Key")).isNull();
        });
        assertThat(param(a.requests().get(0), "api_key")).isEqualTo(KEY);
        assertThat(a.requests().get(0).header("X-Second-Key")).isEqualTo("second-secret-0002");
    }

    @Test
    void aLinkFromAnHttpsEndpointToHttpIsRefused(@TempDir Path dir) throws Exception {
        try (TlsLoopback tls = TlsLoopback.start(dir)) {
            tls.server().createContext("/p1", exchange -> {
                byte[] body = ("{\"items\":[\"one\"],\"next\":\"" + a.url("/p2") + "\"}").getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            page(a, "/p2", "[\"two\"]", null);
            HttpSourceTask task = start("http.url", tls.url("/p1"), "http.ssl.truststore.location",
                    tls.truststore().toString(), "http.ssl.truststore.password", TlsLoopback.TRUSTSTORE_PASSWORD,
                    "http.allowed.origins", a.url(""));
            assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class)
                    .hasMessage("Refusing the next-page link " + a.url("/p2") + " from " + tls.url("/p1")
                            + ": it leads from https to http");
            assertThat(a.requests()).isEmpty();
        }
    }

    @Test
    void aRedirectFromAnHttpsEndpointToHttpIsRefused(@TempDir Path dir) throws Exception {
        try (TlsLoopback tls = TlsLoopback.start(dir)) {
            tls.server().createContext("/p1", exchange -> {
                exchange.getResponseHeaders().add("Location", a.url("/p1"));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            page(a, "/p1", "[\"one\"]", null);
            HttpSourceTask task = start("http.url", tls.url("/p1"), "http.ssl.truststore.location",
                    tls.truststore().toString(), "http.ssl.truststore.password", TlsLoopback.TRUSTSTORE_PASSWORD,
                    "http.allowed.origins", a.url(""));
            assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class)
                    .hasMessage("GET " + tls.url("/p1") + " was redirected (HTTP 302) to " + a.url("/p1")
                            + ": refused, it leads from https to http");
            assertThat(a.requests()).isEmpty();
        }
    }

    /** The key in a header, echoed by the API as a query parameter of another name: recognised by its value. */
    @Test
    void aHeaderKeyEchoedUnderAnotherNameIsStrippedByValue() throws Exception {
        page(a, "/p1", "[\"one\"]", "/p2?key=" + KEY + "&from=1");
        page(a, "/p2", "[\"two\"]", "/p3");
        page(a, "/p3", "[\"three\"]", null);
        List<SourceRecord> records = pollAll(start("http.url", a.url("/p1"), "http.auth.api.key.name", "X-Api-Key",
                "http.auth.api.key.location", "header"));
        assertThat(records).hasSize(3);
        assertThat(records.stream().map(r -> r.sourceOffset().toString()).collect(Collectors.joining()))
                .doesNotContain(KEY);
        assertThat(records.get(1).sourceOffset().get("cycle.page")).isEqualTo(a.url("/p2?from=1"));
        assertThat(a.requests()).extracting(r -> r.path + " " + r.query + " " + r.header("X-Api-Key"))
                .containsExactly("/p1 null " + KEY, "/p2 from=1 " + KEY, "/p3 null " + KEY);
    }
}
