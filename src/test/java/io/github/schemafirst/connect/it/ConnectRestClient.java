package io.github.schemafirst.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A client for a Connect worker's REST API ({@code java.net.http} + Jackson), for workers the test kit does not
 * manage (a {@link WorkerProcess}) and for the calls the kit lacks (config validation).
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl the worker's REST root, e.g. {@code http://127.0.0.1:8083} */
    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Whether {@code GET /} answers 200 (the worker's REST server is up); false on any I/O failure. */
    public boolean isUp() {
        try {
            return send(HttpRequest.newBuilder(uri("/")).timeout(Duration.ofSeconds(5)).GET()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Creates or reconfigures connector {@code name} ({@code PUT /connectors/{name}/config}). A worker that has just
     * started answers 409 until it has joined its group: retried for up to a minute.
     */
    public void configureConnector(String name, Map<String, String> config) {
        String path = "/connectors/" + encode(name) + "/config";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = call(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(toJson(config))));
            if (response.statusCode() != 409 || System.nanoTime() > deadline) {
                expect(response, "PUT " + path, 200, 201);
                return;
            }
            pause();
        }
    }

    /** The connector's status, or empty when the worker does not know it (yet). */
    public Optional<ConnectorStateInfo> status(String name) {
        String path = "/connectors/" + encode(name) + "/status";
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri(path)).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, "GET " + path, 200);
        try {
            return Optional.of(JSON.readValue(response.body(), ConnectorStateInfo.class));
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " answered unreadable JSON: " + response.body(), e);
        }
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING; fails with the last status seen. */
    public void awaitRunning(String name, int tasks, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status";
        while (System.nanoTime() < deadline) {
            Optional<ConnectorStateInfo> status = status(name);
            if (status.isPresent()) {
                ConnectorStateInfo info = status.get();
                last = describe(info);
                if ("RUNNING".equals(info.connector().state()) && info.tasks().size() == tasks
                        && info.tasks().stream().allMatch(task -> "RUNNING".equals(task.state()))) {
                    return;
                }
            }
            pause();
        }
        throw new AssertionError("connector " + name + " and " + tasks + " task(s) did not reach RUNNING within "
                + timeout + " on " + baseUrl + ": " + last);
    }

    /**
     * Polls the connector's status until {@code condition} holds and returns that status; fails after
     * {@code timeout} with {@code what} and the last status seen.
     */
    public ConnectorStateInfo awaitStatus(String name, Predicate<ConnectorStateInfo> condition, String what,
                                          Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status";
        while (System.nanoTime() < deadline) {
            Optional<ConnectorStateInfo> status = status(name);
            if (status.isPresent()) {
                last = describe(status.get()) + " on workers " + status.get().tasks().stream()
                        .map(task -> task.id() + "@" + task.workerId()).toList();
                if (condition.test(status.get())) {
                    return status.get();
                }
            }
            pause();
        }
        throw new AssertionError("connector " + name + ": " + what + " not seen within " + timeout + " on " + baseUrl
                + "; last status: " + last);
    }

    /**
     * Asks the cluster to pause the connector and its tasks ({@code PUT /connectors/{name}/pause}, answered 202 at
     * once); the status shows PAUSED once each task has actually paused.
     */
    public void pauseConnector(String name) {
        String path = "/connectors/" + encode(name) + "/pause";
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri(path))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        expect(response, "PUT " + path, 202);
    }

    /**
     * Restarts the connector and all its tasks ({@code POST /connectors/{name}/restart?includeTasks=true}): the
     * tasks stop (committing their offsets) and new ones start from the committed offsets.
     */
    public void restartConnector(String name) {
        String path = "/connectors/" + encode(name) + "/restart?includeTasks=true&onlyFailed=false";
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(response, "POST " + path, 202, 204);
    }

    /** Deletes the connector ({@code DELETE /connectors/{name}}); a connector that does not exist is fine. */
    public void deleteConnector(String name) {
        String path = "/connectors/" + encode(name);
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri(path)).DELETE());
        expect(response, "DELETE " + path, 200, 204, 404);
    }

    /** {@code GET /connector-plugins}: the connectors the worker found, each with its class, type and version. */
    public JsonNode connectorPlugins() {
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri("/connector-plugins")).GET());
        expect(response, "GET /connector-plugins", 200);
        return readTree(response, "/connector-plugins");
    }

    /** {@code GET /connectors/{name}/offsets}: the committed source offsets as the worker reports them. */
    public JsonNode offsets(String name) {
        String path = "/connectors/" + encode(name) + "/offsets";
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri(path)).GET());
        expect(response, "GET " + path, 200);
        return readTree(response, path);
    }

    /**
     * Validates a connector config through {@code PUT /connector-plugins/{class}/config/validate}, as a UI or
     * {@code curl} would.
     */
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", connectorClass);
        String path = "/connector-plugins/" + encode(connectorClass) + "/config/validate";
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
        expect(response, "PUT " + path, 200);
        return ConfigValidation.parse(readTree(response, path));
    }

    /** A one-line summary of a status: connector and task states, with traces of failed ones. */
    public static String describe(ConnectorStateInfo status) {
        StringBuilder text = new StringBuilder("connector ").append(status.connector().state());
        if (status.connector().trace() != null) {
            text.append(" (").append(status.connector().trace()).append(')');
        }
        status.tasks().forEach(task -> {
            text.append(", task ").append(task.id()).append(' ').append(task.state());
            if (task.trace() != null) {
                text.append(" (").append(task.trace()).append(')');
            }
        });
        return text.toString();
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build();
        try {
            return send(built);
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " failed: " + e, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, String what, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new AssertionError(what + " answered HTTP " + response.statusCode() + ": " + response.body());
    }

    private static JsonNode readTree(HttpResponse<String> response, String path) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(path + " answered unreadable JSON: " + response.body(), e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
