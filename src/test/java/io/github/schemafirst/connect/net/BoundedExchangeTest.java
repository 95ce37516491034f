package io.github.schemafirst.connect.net;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.http.HttpSourceConfig;
import io.github.schemafirst.connect.http.LoopbackHttpServer;
import io.github.schemafirst.connect.http.auth.Authenticator;
import io.github.schemafirst.connect.http.auth.Authenticators;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounds side requests (the OAuth2 token request) are held to: the whole response in time, the body in size. */
class BoundedExchangeTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        release.countDown();
        server.close();
    }

    private void stallMidBody(String path) {
        server.on(path, (exchange, request) -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"access_token\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
    }

    @Test
    void aBodyThatStallsTimesOutWithinTheTimeout() {
        stallMidBody("/slow");
        long started = System.nanoTime();
        assertThatThrownBy(() -> BoundedExchange.send(client, HttpRequest.newBuilder(URI.create(server.url("/slow")))
                .build(), Duration.ofMillis(300), 1024 * 1024)).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBodyOverTheLimitIsAnIoError() {
        server.on("/big", (exchange, request) -> respond(exchange, 200, "x".repeat(5000)));
        assertThatThrownBy(() -> BoundedExchange.send(client, HttpRequest.newBuilder(URI.create(server.url("/big")))
                .build(), Duration.ofSeconds(5), 4096)).isInstanceOf(IOException.class)
                .hasMessageContaining("response body over http.response.max.bytes=4096 bytes (Content-Length: 5000)");
    }

    private Authenticator oauth2(String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.url", server.url("/api"));
        props.put("http.auth.type", "oauth2-client-credentials");
        props.put("http.auth.oauth2.token.url", server.url("/token"));
        props.put("http.auth.oauth2.client.id", "c");
        props.put("http.auth.oauth2.client.secret", "s");
        props.put("http.auth.oauth2.token.url.allow.http", "true"); // a loopback token server without TLS
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return Authenticators.fromConfig(new HttpSourceConfig(props), client, Clock.systemUTC());
    }

    @Test
    void theTokenRequestHasTheReadTimeoutOfDataRequestsBodyIncluded() {
        stallMidBody("/token");
        Authenticator auth = oauth2("http.read.timeout.ms", "300");
        long started = System.nanoTime();
        assertThatThrownBy(auth::headers).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theTokenResponseIsReadUpToTheResponseLimit() {
        server.on("/token", (exchange, request) -> respond(exchange, 200,
                "{\"access_token\":\"" + "t".repeat(4000) + "\"}"));
        Authenticator auth = oauth2("http.response.max.bytes", "2048");
        assertThatThrownBy(auth::headers).isInstanceOf(IOException.class)
                .hasMessageContaining("over http.response.max.bytes=2048");
    }
}
