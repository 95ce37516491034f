package io.github.schemafirst.connect.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP endpoint serving {@code total} users in pages of {@code pageSize}:
 * {@code GET /users?page=K} answers {@code {"records":[...],"next":"http://.../users?page=K+1"}}, and the last page
 * has {@code "next":null}. Record arrays are rendered once, before the clock starts, and reused across pages
 * (a pool of {@value #DISTINCT_PAGES}), so the server costs next to nothing while the connector is measured.
 */
final class UserPagesServer implements AutoCloseable {

    static final int DISTINCT_PAGES = 50;

    static {
        // The JDK server writes headers and body in separate writes without TCP_NODELAY, so Nagle's algorithm and
        // delayed ACKs held every page for ~8 ms on loopback: the benchmark measured its own server (<= ~120k
        // records/s even with no conversion). Real API servers send without that delay. Read once, when the first
        // JDK HttpServer of the JVM starts, hence a static block here.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bench-http");
        thread.setDaemon(true);
        return thread;
    });
    private final byte[][] recordArrays;
    private final long pages;
    private final AtomicLong servedBytes = new AtomicLong();
    private final AtomicLong servedPages = new AtomicLong();

    UserPagesServer(UserGenerator users, long total, int pageSize) throws IOException {
        this.pages = (total + pageSize - 1) / pageSize;
        int distinct = (int) Math.min(DISTINCT_PAGES, pages);
        recordArrays = new byte[distinct][];
        for (int i = 0; i < distinct; i++) {
            recordArrays[i] = ("{\"records\":[" + users.jsonArrayElements((long) i * pageSize, pageSize) + "],\"next\":")
                    .getBytes(StandardCharsets.UTF_8);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/users", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** The first page's URL. */
    String firstPageUrl() {
        return pageUrl(1);
    }

    /** Body bytes served so far (the HTTP scenario's input bytes). */
    long servedBytes() {
        return servedBytes.get();
    }

    long servedPages() {
        return servedPages.get();
    }

    private String pageUrl(long page) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/users?page=" + page;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            long page = page(exchange.getRequestURI());
            if (page < 1 || page > pages) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] head = recordArrays[(int) ((page - 1) % recordArrays.length)];
            byte[] tail = ((page < pages ? "\"" + pageUrl(page + 1) + "\"" : "null") + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, head.length + tail.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(head);
                body.write(tail);
            }
            servedBytes.addAndGet(head.length + tail.length);
            servedPages.incrementAndGet();
        }
    }

    private static long page(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return 1;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("page=")) {
                try {
                    return Long.parseLong(pair.substring(5));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return 1;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
