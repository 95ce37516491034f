package io.github.schemafirst.connect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserPagesServerTest {

    private static final Path PAGES = Path.of("docker/http");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void nextLinksLeadThroughEveryPageOnTheLocalServer() throws Exception {
        try (UserPagesServer server = UserPagesServer.start(PAGES)) {
            List<String> names = new ArrayList<>();
            String url = server.firstPageUrl();
            int pages = 0;
            while (url != null) {
                assertThat(url).startsWith(server.baseUrl());
                HttpResponse<String> response = get(url);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
                JsonNode page = JSON.readTree(response.body());
                page.path("data").forEach(user -> names.add(user.path("name").asText()));
                url = page.hasNonNull("next") ? page.get("next").asText() : null;
                pages++;
            }
            assertThat(pages).isEqualTo(server.pageCount()).isEqualTo(3);
            assertThat(names).hasSize(server.recordCount()).hasSize(20).startsWith("Gildong-Hong");
            assertThat(server.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void unknownPathsAnswer404() throws Exception {
        try (UserPagesServer server = UserPagesServer.start(PAGES)) {
            assertThat(get(server.baseUrl() + "users-page-9.json").statusCode()).isEqualTo(404);
            assertThat(get(server.baseUrl()).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
