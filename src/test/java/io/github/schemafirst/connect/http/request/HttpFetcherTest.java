package io.github.schemafirst.connect.http.request;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.http.LoopbackHttpServer;
import io.github.schemafirst.connect.http.MutableClock;
import io.github.schemafirst.connect.http.auth.StaticHeaderAuthenticator;
import io.github.schemafirst.connect.net.ResponseBody;
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
    private final List<HttpFetcher> fetchers = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        fetchers.forEach(HttpFetcher::close);
        release.countDown();
        server.close();
    }

    private HttpFetcher fetcher(int maxAttempts, Duration readTimeout) {
        return fetcher(maxAttempts, readTimeout, Duration.ofHours(1), HttpFetcher.DEFAULT_MAX_BODY_BYTES);
    }

    private HttpFetcher fetcher(int maxAttempts, Duration readTimeout, Duration retryAfterMax, long maxBodyBytes) {
        HttpFetcher fetcher = new HttpFetcher(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                StaticHeaderAuthenticator.none(), null, readTimeout, maxAttempts,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), () -> 0.0), retryAfterMax, maxBodyBytes,
                sleeper, clock);
        fetchers.add(fetcher);
        return fetcher;
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
        HttpResponse<ResponseBody> response = fetcher(5, Duration.ofSeconds(5)).fetch(get("/x"));
        assertThat(new String(response.body().bytes(), StandardCharsets.UTF_8)).isEqualTo("[\"ok\"]");
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
        HttpResponse<ResponseBody> response = fetcher(3, Duration.ofMillis(300)).fetch(get("/x"));
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
        HttpResponse<ResponseBody> response = fetcher(3, Duration.ofMillis(300)).fetch(get("/x"));
        assertThat(new String(response.body().bytes(), StandardCharsets.UTF_8)).isEqualTo("[\"ok\"]");
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void retriesAConnectionDroppedWithoutResponse() throws Exception {
        failFirst("/x", 2, (exchange, request) -> {
            throw new java.io.IOException("drop the connection");
        });
        HttpResponse<ResponseBody> response = fetcher(3, Duration.ofSeconds(5)).fetch(get("/x"));
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

    @Test
    void retryAfterIsCappedAtTheSetting() throws Exception {
        failFirst("/x", 1, (exchange, request) -> respond(exchange, 429, "slow down", Map.of("Retry-After", "3600")));
        fetcher(3, Duration.ofSeconds(5), Duration.ofMillis(800), HttpFetcher.DEFAULT_MAX_BODY_BYTES).fetch(get("/x"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(800));
    }

    @Test
    void retryAfterZeroStillWaitsALittle() throws Exception {
        failFirst("/x", 1, (exchange, request) -> respond(exchange, 503, "", Map.of("Retry-After", "0")));
        fetcher(3, Duration.ofSeconds(5)).fetch(get("/x"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void theDefaultRetryAfterCapIsTheBackoffMaximum() throws Exception {
        failFirst("/x", 1, (exchange, request) -> respond(exchange, 429, "slow down", Map.of("Retry-After", "3600")));
        new HttpFetcher(HttpClient.newHttpClient(), StaticHeaderAuthenticator.none(), Duration.ofSeconds(5), 3,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(1500), () -> 0.0), sleeper, clock)
                .fetch(get("/x"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void aCallKeepsItsRetryStateBetweenPollsAndNeverWaitsForIt() throws Exception {
        server.on("/x", (exchange, request) -> respond(exchange, 503, "down", Map.of("Retry-After", "60")));
        MutableClock moving = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        HttpFetcher fetcher = new HttpFetcher(HttpClient.newHttpClient(), StaticHeaderAuthenticator.none(), null,
                Duration.ofSeconds(5), -1, new Backoff(Duration.ofMillis(100), Duration.ofMinutes(5), () -> 0.0),
                Duration.ofMinutes(5), HttpFetcher.DEFAULT_MAX_BODY_BYTES, sleeper, moving);
        fetchers.add(fetcher);
        HttpFetcher.Call call = fetcher.call(get("/x"));

        long started = System.nanoTime();
        assertThat(call.poll(Duration.ofSeconds(10))).isEmpty();
        assertThat(call.readyAt()).isEqualTo(moving.instant().plusSeconds(60));
        // asked again before the retry time: returns at once and sends nothing
        assertThat(call.poll(Duration.ofSeconds(10))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.requests("/x")).hasSize(1);

        moving.advance(Duration.ofSeconds(60));
        assertThat(call.poll(Duration.ofSeconds(10))).isEmpty();
        assertThat(server.requests("/x")).hasSize(2);
        assertThat(call.failures()).isEqualTo(2);
        assertThat(sleeper.sleeps()).as("the non-blocking form never sleeps").isEmpty();
    }

    @Test
    void aCallReturnsWhileItsResponseIsStillOnTheWay() throws Exception {
        failFirst("/x", 1, (exchange, request) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "[\"late\"]");
        });
        HttpFetcher.Call call = fetcher(3, Duration.ofSeconds(30)).call(get("/x"));
        long started = System.nanoTime();
        assertThat(call.poll(Duration.ofMillis(200))).isEmpty();
        assertThat(call.inFlight()).isTrue();
        assertThat(call.readyAt()).isEqualTo(Instant.MIN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        release.countDown();
        assertThat(call.poll(Duration.ofSeconds(10)).map(r -> new String(r.body().bytes(), StandardCharsets.UTF_8)))
                .contains("[\"late\"]");
        assertThat(server.requests("/x")).hasSize(1);
    }

    @Test
    void closingTheFetcherCancelsTheRequestInFlight() throws Exception {
        failFirst("/x", 1, (exchange, request) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpFetcher fetcher = fetcher(-1, Duration.ofSeconds(30));
        HttpFetcher.Call call = fetcher.call(get("/x"));
        assertThat(call.poll(Duration.ofMillis(200))).isEmpty();
        fetcher.close();
        assertThatThrownBy(() -> call.poll(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThatThrownBy(() -> fetcher.call(get("/x"))).hasMessageContaining("closed");
        assertThat(server.requests("/x")).hasSize(1);
    }

    @Test
    void aBodyDeclaredLongerThanTheLimitIsNotRead() throws Exception {
        byte[] big = "[\"0123456789\"]".repeat(1000).getBytes(StandardCharsets.UTF_8);
        server.on("/x", (exchange, request) -> respond(exchange, 200, big, Map.of()));
        HttpResponse<ResponseBody> response = fetcher(1, Duration.ofSeconds(5), Duration.ofSeconds(1), 2048)
                .fetch(get("/x"));
        assertThat(response.body().overLimit()).isTrue();
        assertThat(response.body().contentLength()).isEqualTo(big.length);
        assertThat(response.body().bytes()).isEmpty();
        assertThat(response.body().overLimitReason("http.response.max.bytes"))
                .isEqualTo("response body over http.response.max.bytes=2048 bytes (Content-Length: 14000); only its "
                        + "first 0 bytes were kept");
    }

    @Test
    void aChunkedBodyIsReadOnlyUpToTheLimitThenDropped() throws Exception {
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        server.on("/x", (exchange, request) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked, no length
            byte[] chunk = "[\"endless\",".repeat(1000).getBytes(StandardCharsets.UTF_8);
            // an endless body: only the client closing the connection ends it
            while (written.get() < 1L << 30) {
                exchange.getResponseBody().write(chunk);
                written.addAndGet(chunk.length);
            }
            exchange.close();
        });
        HttpResponse<ResponseBody> response = fetcher(1, Duration.ofSeconds(10), Duration.ofSeconds(1), 100_000)
                .fetch(get("/x"));
        assertThat(response.body().overLimit()).isTrue();
        assertThat(response.body().contentLength()).isEqualTo(-1);
        assertThat(new String(response.body().bytes(), StandardCharsets.UTF_8)).hasSize(ResponseBody.PREFIX_BYTES)
                .startsWith("[\"endless\",[\"endless\",");
        assertThat(written.get()).as("the server was cut off long before a gigabyte").isLessThan(100L << 20);
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws Exception {
        byte[] body = ("[" + "\"x\",".repeat(500) + "\"y\"]").getBytes(StandardCharsets.UTF_8);
        server.on("/x", (exchange, request) -> respond(exchange, 200, body, Map.of()));
        HttpResponse<ResponseBody> response = fetcher(1, Duration.ofSeconds(5), Duration.ofSeconds(1), body.length)
                .fetch(get("/x"));
        assertThat(response.body().overLimit()).isFalse();
        assertThat(response.body().bytes()).isEqualTo(body);
    }
}
