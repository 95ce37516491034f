package io.github.schemafirst.connect.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on the loopback interface for component tests: each path answers through a {@link Handler},
 * and every request is recorded (method, URI, headers, body) for assertions.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    static {
        // TCP_NODELAY on the server's sockets: without it every small response waits ~40 ms for a delayed ACK
        // (read once, when the JDK's server classes load)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Answers one request; may throw to drop the connection without a response. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, RecordedRequest request) throws IOException;
    }

    /** What the server saw. */
    public static final class RecordedRequest {
        public final String method;
        public final String path;
        public final String query;
        public final Map<String, List<String>> headers;
        public final String body;

        RecordedRequest(HttpExchange exchange, String body) {
            this.method = exchange.getRequestMethod();
            this.path = exchange.getRequestURI().getPath();
            this.query = exchange.getRequestURI().getRawQuery();
            this.headers = Map.copyOf(exchange.getRequestHeaders());
            this.body = body;
        }

        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String uri() {
            return query == null ? path : path + "?" + query;
        }

        @Override
        public String toString() {
            return method + " " + uri();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public LoopbackHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.start();
    }

    public LoopbackHttpServer on(String path, Handler handler) {
        server.createContext(path, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RecordedRequest request = new RecordedRequest(exchange, body);
            requests.add(request);
            try {
                handler.handle(exchange, request);
            } catch (IOException | RuntimeException e) {
                // dropping the connection is how tests inject a reset
                exchange.close();
            }
        });
        return this;
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path.equals(path)).collect(java.util.stream.Collectors.toList());
    }

    public static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, body, Map.of());
    }

    public static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** For bodies that are not valid UTF-8. */
    public static void respond(HttpExchange exchange, int status, byte[] bytes, Map<String, String> headers)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (!headers.containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** The value of one query parameter of a recorded request (first occurrence, not decoded), or null. */
    public static String param(RecordedRequest request, String name) {
        if (request.query == null) {
            return null;
        }
        for (String pair : request.query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
