package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP version the task's client speaks, seen from a real loopback server. */
class HttpClientsTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final AtomicReference<String> upgrade = new AtomicReference<>("not asked");

    @AfterEach
    void close() {
        server.close();
    }

    private String upgradeHeaderSentWith(String... keyValues) throws Exception {
        server.on("/v", (exchange, request) -> {
            upgrade.set(exchange.getRequestHeaders().getFirst("Upgrade"));
            respond(exchange, 200, "[]");
        });
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.url", server.url("/v"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        HttpClient client = HttpClients.fromConfig(new HttpSourceConfig(props));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.url("/v"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return upgrade.get();
    }

    @Test
    void plainHttpEndpointsSpeakHttp11WithoutOfferingAnUpgradeOnEveryRequest() throws Exception {
        assertThat(upgradeHeaderSentWith()).isNull();
    }

    @Test
    void versionTwoOffersTheCleartextUpgradeAsTheJdkDoesByDefault() throws Exception {
        assertThat(upgradeHeaderSentWith("http.version", "2")).isEqualTo("h2c");
    }

    @Test
    void autoChoosesHttp2WhenAnEndpointIsHttps() {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.url", "https://api.example.com/v1/users");
        assertThat(new HttpSourceConfig(props).httpVersion()).isEqualTo(HttpClient.Version.HTTP_2);
        props.put("http.version", "1.1");
        assertThat(new HttpSourceConfig(props).httpVersion()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
}
