package io.github.schemafirst.connect.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback standing in for a registry, for what a real registry cannot be made to do
 * (answer 401 or 500 on demand, redirect, echo headers). Records every request with its raw path.
 */
public final class RegistryStub implements AutoCloseable {
    static {
        // without TCP_NODELAY each small answer waits for a delayed ACK (read once, when the server classes load)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Answers one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange, Recorded request) throws IOException;
    }

    /** A request as the server saw it. */
    public static final class Recorded {
        public final String method;
        public final String rawPath;
        public final String rawQuery;
        public final String contentType;
        public final String accept;
        public final String authorization;
        public final String body;

        Recorded(HttpExchange exchange, String body) {
            this.method = exchange.getRequestMethod();
            this.rawPath = exchange.getRequestURI().getRawPath();
            this.rawQuery = exchange.getRequestURI().getRawQuery();
            this.contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            this.accept = exchange.getRequestHeaders().getFirst("Accept");
            this.authorization = exchange.getRequestHeaders().getFirst("Authorization");
            this.body = body;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Responder responder = (exchange, request) -> send(exchange, 500, "{}");

    public RegistryStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try {
                Recorded request = new Recorded(exchange,
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                requests.add(request);
                responder.respond(exchange, request);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Answers every request with {@code status} and the JSON {@code body}. */
    public RegistryStub answering(int status, String body) {
        responder = (exchange, request) -> send(exchange, status, body);
        return this;
    }

    public RegistryStub answering(Responder responder) {
        this.responder = responder;
        return this;
    }

    public static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Recorded> requests() {
        return requests;
    }

    public Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
