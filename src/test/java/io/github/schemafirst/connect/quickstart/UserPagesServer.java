package io.github.schemafirst.connect.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The small JSON API the HTTP connector reads in the quickstart: the static pages of {@code docker/http/}
 * ({@code users-page-N.json}, records under {@code /data}, the next page's URL under {@code /next}) served on a free
 * loopback port with the JDK's HTTP server. The pages name their docker-compose host in their {@code next} URLs;
 * those are rewritten to this server so the connector can follow them.
 */
final class UserPagesServer implements AutoCloseable {

    private static final Pattern NEXT_URL = Pattern.compile("(\"next\"\\s*:\\s*\")https?://[^/\"]+/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, byte[]> pages;
    private final int records;
    private final AtomicInteger requests = new AtomicInteger();

    private UserPagesServer(HttpServer server, Map<String, byte[]> pages, int records) {
        this.server = server;
        this.pages = pages;
        this.records = records;
    }

    /** Serves every {@code users-page-*.json} of {@code pagesDir}. */
    static UserPagesServer start(Path pagesDir) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Map<String, byte[]> pages = new LinkedHashMap<>();
            int records = 0;
            for (Path page : pageFiles(pagesDir)) {
                String body = Files.readString(page, StandardCharsets.UTF_8);
                records += JSON.readTree(body).path("data").size();
                String local = NEXT_URL.matcher(body).replaceAll("$1" + Matcher.quoteReplacement(base));
                pages.put("/" + page.getFileName(), local.getBytes(StandardCharsets.UTF_8));
            }
            if (pages.isEmpty()) {
                throw new IllegalStateException("no users-page-*.json in " + pagesDir);
            }
            UserPagesServer pagesServer = new UserPagesServer(server, pages, records);
            server.createContext("/", pagesServer::handle);
            server.start();
            return pagesServer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the pages of " + pagesDir, e);
        }
    }

    /** The first page: where the connector starts. */
    String firstPageUrl() {
        return baseUrl() + pages.keySet().iterator().next().substring(1);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int pageCount() {
        return pages.size();
    }

    /** Records on all pages together: what one poll cycle of the connector reads. */
    int recordCount() {
        return records;
    }

    int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] page = "GET".equals(exchange.getRequestMethod()) ? pages.get(exchange.getRequestURI().getPath()) : null;
            if (page == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        }
    }

    private static List<Path> pageFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("users-page-\\d+\\.json"))
                    .sorted((a, b) -> Integer.compare(pageNumber(a), pageNumber(b)))
                    .toList();
        }
    }

    private static int pageNumber(Path page) {
        return Integer.parseInt(page.getFileName().toString().replaceAll("\\D", ""));
    }
}
