package io.github.schemafirst.connect.http.request;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.http.LoopbackHttpServer;
import io.github.schemafirst.connect.http.auth.StaticHeaderAuthenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault injection against a real loopback server: what is retried, how long it waits, and what fails at once. */
class HttpFetcherTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void close() {
        release.countDown();
        server.close();
    }

    private HttpFetcher fetcher(int maxAttempts, Duration readTimeout) {
        return new HttpFetcher(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                StaticHeaderAuthenticator.none(), readTimeout, maxAttempts,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0), sleeper, clock);
    }

    private RequestSpec get(String path) {
        return new RequestSpec("GET", URI.create(server.url(path)), List.of(), null, null);
    }

    /** Fails the first {@code failures} requests with {@code fault}, then answers 200 "[]". */
    private void failFirst(String path, int failures, LoopbackHttpServer.Handler fault) {
        AtomicInteger calls = new AtomicInteger();
        server.on(path, (exchange, request) -> {
            if (calls.incrementAndGet() <= failures) {
                fault.handle(exchange, request);
            } else {
                respond(exchange, 200, "[\"ok\"]");
            }
        });
    }

    @Test
    void retriesServerErrorsWithGrowingBackoff() throws Exception {
        failFirst("/x", 3, (exchange, request) -> respond(exchange, 500, "{\"error\":\"boom\"}"));
        HttpResponse<byte[]> response = fetcher(5, Duration.ofSeconds(5)).fetch(get("/x"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("[\"ok\"]");
        assertThat(server.requests("/x")).hasSize(4);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(200));
    }

    @Test
    void honoursRetryAfterSecondsOn429() throws Exception {
        failFirst("/x", 1, (exchange, request) -> respond(exchange, 429, "slow down", Map.of("Retry-After", "7")));
        fetcher(3, Duration.ofSeconds(5)).fetch(get("/x"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void honoursRetryAfterDateOn503() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(clock.instant().plusSeconds(12), ZoneOffset.UTC));
        failFirst("/x", 1, (exchange, request) -> respond(exchange, 503, "", Map.of("Retry-After", date)));
        fetcher(3, Duration.ofSeconds(5)).fetch(get("/x"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void retriesAStallBeyondTheReadTimeout() throws Exception {
        failFirst("/x", 1, (exchange, request) -> {
            try {
                release.await(10, TimeUnit.SECONDS); // stall far beyond the 300 ms read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpResponse<byte[]> response = fetcher(3, Duration.ofMillis(300)).fetch(get("/x"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void retriesAResponseThatStallsMidBody() throws Exception {
        failFirst("/x", 1, (exchange, request) -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("[\"partial".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await(10, TimeUnit.SECONDS); // never finishes the promised 1000 bytes in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpResponse<byte[]> response = fetcher(3, Duration.ofMillis(300)).fetch(get("/x"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("[\"ok\"]");
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void retriesAConnectionDroppedWithoutResponse() throws Exception {
        failFirst("/x", 2, (exchange, request) -> {
            throw new java.io.IOException("drop the connection");
        });
        HttpResponse<byte[]> response = fetcher(3, Duration.ofSeconds(5)).fetch(get("/x"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.requests("/x")).hasSize(3);
    }

    @Test
    void failsWithTheLastErrorWhenAttemptsRunOut() {
        server.on("/x", (exchange, request) -> respond(exchange, 502, "bad gateway from upstream"));
        assertThatThrownBy(() -> fetcher(3, Duration.ofSeconds(5)).fetch(get("/x")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("GET " + server.url("/x") + " failed after 3 attempt(s)")
                .hasMessageContaining("http.retry.max.attempts=3")
                .hasMessageContaining("HTTP 502: bad gateway from upstream");
        assertThat(server.requests("/x")).hasSize(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void otherClientErrorsFailAtOnceWithStatusAndBodySnippet() {
        String longBody = "{\"error\":\"no such resource\",\"detail\":\"" + "x".repeat(1000) + "\"}";
        server.on("/x", (exchange, request) -> respond(exchange, 404, longBody));
        assertThatThrownBy(() -> fetcher(5, Duration.ofSeconds(5)).fetch(get("/x")))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("GET " + server.url("/x") + " failed with HTTP 404: {\"error\":\"no such resource\"")
                .hasMessageEndingWith("...")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(450));
        assertThat(server.requests("/x")).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void unauthorizedWithStaticCredentialsIsNotRetried() {
        server.on("/x", (exchange, request) -> respond(exchange, 401, "{\"error\":\"bad token\"}"));
        assertThatThrownBy(() -> fetcher(5, Duration.ofSeconds(5)).fetch(get("/x")))
                .hasMessageContaining("HTTP 401");
        assertThat(server.requests("/x")).hasSize(1);
    }

    @Test
    void sendsHeadersAndPostBody() throws Exception {
        server.on("/x", (exchange, request) -> respond(exchange, 200, "[]"));
        RequestSpec post = new RequestSpec("POST", URI.create(server.url("/x")),
                List.of(new Header("X-Tenant", "acme")), "{\"since\":\"5\"}", "application/json");
        fetcher(1, Duration.ofSeconds(5)).fetch(post);
        LoopbackHttpServer.RecordedRequest request = server.requests("/x").get(0);
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.header("X-Tenant")).isEqualTo("acme");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body).isEqualTo("{\"since\":\"5\"}");
    }
}
