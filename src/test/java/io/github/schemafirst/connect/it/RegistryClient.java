package io.github.schemafirst.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small client for the Confluent Schema Registry REST API (as served by any compatible registry), written
 * independently of the converters under test so tests can check what those converters registered.
 */
public final class RegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    /** @param ccompatUrl the API root, e.g. {@code http://127.0.0.1:8081} or {@code .../apis/ccompat/v7} */
    public RegistryClient(String ccompatUrl) {
        this.baseUrl = ccompatUrl.endsWith("/") ? ccompatUrl.substring(0, ccompatUrl.length() - 1) : ccompatUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** All subjects currently registered. */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        get("/subjects").forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    /** The latest version under {@code subject}, or empty when the subject does not exist. */
    public Optional<RegisteredSchema> latest(String subject) {
        Response response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        JsonNode body = response.bodyOrThrow();
        return Optional.of(new RegisteredSchema(
                body.path("subject").asText(subject),
                body.path("version").asInt(),
                body.path("id").asInt(),
                body.path("schemaType").asText("AVRO"),
                body.path("schema").asText()));
    }

    /** The schema with global id {@code id}; fails when there is none. */
    public RegisteredSchema schemaById(int id) {
        JsonNode body = get("/schemas/ids/" + id);
        return new RegisteredSchema(null, 0, id, body.path("schemaType").asText("AVRO"), body.path("schema").asText());
    }

    /**
     * Registers {@code schema} under {@code subject} and returns its global id (the existing id when the same
     * schema is already registered there).
     *
     * @param schemaType {@code AVRO} or {@code JSON}
     */
    public int register(String subject, String schemaType, String schema) {
        ObjectNode request = JSON.createObjectNode();
        request.put("schema", schema);
        if (!"AVRO".equals(schemaType)) {
            request.put("schemaType", schemaType);
        }
        return send("POST", "/subjects/" + encode(subject) + "/versions", request).bodyOrThrow().path("id").asInt();
    }

    /** Sets the compatibility level of {@code subject}, or the global one when {@code subject} is null. */
    public void setCompatibility(String subject, String level) {
        ObjectNode request = JSON.createObjectNode().put("compatibility", level);
        send("PUT", subject == null ? "/config" : "/config/" + encode(subject), request).bodyOrThrow();
    }

    private JsonNode get(String path) {
        return send("GET", path, null).bodyOrThrow();
    }

    private Response send(String method, String path, JsonNode body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(method + " " + uri, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + uri + " interrupted", e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Response(String request, int status, String body) {
        JsonNode bodyOrThrow() {
            if (status / 100 != 2) {
                throw new IllegalStateException(request + " answered HTTP " + status + ": " + body);
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(request + " answered non-JSON: " + body, e);
            }
        }
    }
}
