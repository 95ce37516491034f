package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A paged, incremental JSON API of items {@code {"id": N, "name": "item-N"}} on one path of a
 * {@link LoopbackHttpServer}, for integration tests: it returns the items with {@code id > since}, oldest first,
 * {@code {"items": [...]}}, paged the way one {@code http.pagination.type} expects, optionally behind an auth
 * check, and can be told to misbehave on its next requests ({@link Fault}). {@link #connectorConfig} gives the
 * matching {@code http.*} connector keys.
 */
final class ItemsApi {

    /** The pagination styles the connector knows, as this server implements them. */
    enum Paging {
        NONE("none"), PAGE_NUMBER("page-number"), OFFSET_LIMIT("offset-limit"), CURSOR("cursor"),
        NEXT_URL("next-url"), LINK_HEADER("link-header");

        final String configValue;

        Paging(String configValue) {
            this.configValue = configValue;
        }
    }

    /** One scripted misbehaviour, applied to one request instead of the normal answer. */
    enum Fault {
        /** HTTP 500 with a JSON error body. */
        SERVER_ERROR,
        /** HTTP 429 with {@code Retry-After: 1}. */
        TOO_MANY_REQUESTS,
        /** No answer until the connector gives up (read timeout) and closes the connection. */
        STALL,
        /** Headers promising a body, half of it, then the connection closed. */
        RESET,
        /** HTTP 200 with a body that is not JSON. */
        GARBAGE
    }

    static final String GARBAGE_BODY = "<html><body>502 Bad Gateway (from a proxy, in HTML)</body></html>";

    private final LoopbackHttpServer server;
    private final String path;
    private final Paging paging;
    private final int pageSize;
    private final List<Long> ids = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private int normalBeforeFaults;
    private final Map<Fault, AtomicInteger> faultsServed = new HashMap<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Predicate<LoopbackHttpServer.RecordedRequest> authorized = request -> true;

    ItemsApi(LoopbackHttpServer server, String path, Paging paging, int pageSize) {
        this.server = server;
        this.path = path;
        this.paging = paging;
        this.pageSize = pageSize;
        for (Fault fault : Fault.values()) {
            faultsServed.put(fault, new AtomicInteger());
        }
        server.on(path, this::handle);
    }

    /** Requests failing {@code check} get 401. */
    ItemsApi requireAuth(Predicate<LoopbackHttpServer.RecordedRequest> check) {
        this.authorized = check;
        return this;
    }

    /** Adds items {@code from..to} (inclusive). */
    synchronized ItemsApi add(long from, long to) {
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        return this;
    }

    /** The next requests (in order, one fault each) misbehave instead of answering. */
    synchronized ItemsApi failNext(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** Answers the next {@code normal} requests as usual, then misbehaves on the ones after, one fault each. */
    synchronized ItemsApi failAfter(int normal, Fault... next) {
        normalBeforeFaults = normal;
        return failNext(next);
    }

    /** Adds items and scripts faults in one step, so the first request that could see the items gets the faults. */
    synchronized ItemsApi addThenFail(long from, long to, Fault... next) {
        add(from, to);
        return failNext(next);
    }

    int faultsServed(Fault fault) {
        return faultsServed.get(fault).get();
    }

    synchronized int faultsPending() {
        return faults.size();
    }

    /** Requests answered 401. */
    int rejected() {
        return rejected.get();
    }

    List<LoopbackHttpServer.RecordedRequest> requests() {
        return server.requests(path);
    }

    /** The endpoint template: {@code <path>?since={{incremental}}}. */
    String urlTemplate() {
        return server.url(path + "?since={{incremental}}");
    }

    /** Releases stalled requests; call when the test ends. */
    void close() {
        closing.countDown();
    }

    /**
     * Connector keys for this API: endpoint, records pointer, pagination, incremental field on {@code id} starting
     * at 0, a short poll interval and short retry backoff.
     */
    Map<String, String> connectorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("http.url", urlTemplate());
        config.put("http.records.pointer", "/items");
        config.put("http.incremental.field", "id");
        config.put("http.incremental.initial", "0");
        config.put("http.poll.interval.ms", "300");
        config.put("http.retry.backoff.initial.ms", "100");
        config.put("http.retry.backoff.max.ms", "500");
        config.put("http.pagination.type", paging.configValue);
        switch (paging) {
            case PAGE_NUMBER:
                config.put("http.pagination.size.param", "size");
                config.put("http.pagination.size", Integer.toString(pageSize));
                break;
            case OFFSET_LIMIT:
                config.put("http.pagination.limit", Integer.toString(pageSize));
                break;
            case CURSOR:
                config.put("http.pagination.cursor.pointer", "/meta/next_cursor");
                break;
            case NEXT_URL:
                config.put("http.pagination.next.url.pointer", "/links/next");
                break;
            default:
                break;
        }
        return config;
    }

    /**
     * Waits for a request made from now on whose {@code since} is {@code since}: proof that the connector finished
     * the cycles before it and handed all their records to the worker.
     */
    void awaitRequestSince(String since, Duration timeout) {
        int seen = requests().size();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<LoopbackHttpServer.RecordedRequest> requests = requests();
            for (LoopbackHttpServer.RecordedRequest request : requests.subList(Math.min(seen, requests.size()),
                    requests.size())) {
                if (since.equals(param(request, "since"))) {
                    return;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new AssertionError("no request to " + path + " with since=" + since + " within " + timeout + "; saw "
                + requests());
    }

    private void handle(HttpExchange exchange, LoopbackHttpServer.RecordedRequest request) throws IOException {
        Fault fault = null;
        synchronized (this) {
            if (normalBeforeFaults > 0) {
                normalBeforeFaults--;
            } else {
                fault = faults.poll();
            }
        }
        if (fault != null) {
            faultsServed.get(fault).incrementAndGet();
            misbehave(exchange, fault);
            return;
        }
        if (!authorized.test(request)) {
            rejected.incrementAndGet();
            respond(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        answer(exchange, request);
    }

    private void misbehave(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case SERVER_ERROR:
                respond(exchange, 500, "{\"error\":\"internal\"}");
                break;
            case TOO_MANY_REQUESTS:
                respond(exchange, 429, "{\"error\":\"slow down\"}", Map.of("Retry-After", "1"));
                break;
            case STALL:
                try {
                    // the connector's read timeout ends the wait; close() ends it at the latest
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                break;
            case RESET:
                exchange.sendResponseHeaders(200, 1000);
                exchange.getResponseBody().write("{\"items\":[{\"id\":".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                // closing short of the promised length: the client sees the connection end mid-body
                exchange.close();
                break;
            case GARBAGE:
                respond(exchange, 200, GARBAGE_BODY, Map.of("Content-Type", "text/html"));
                break;
            default:
                throw new IllegalStateException(fault.name());
        }
    }

    private void answer(HttpExchange exchange, LoopbackHttpServer.RecordedRequest request) throws IOException {
        String sinceParam = param(request, "since");
        long since = sinceParam == null || sinceParam.isEmpty() ? Long.MIN_VALUE : Long.parseLong(sinceParam);
        List<Long> newer = new ArrayList<>();
        synchronized (this) {
            for (long id : ids) {
                if (id > since) {
                    newer.add(id);
                }
            }
        }
        int from;
        int to;
        switch (paging) {
            case NONE:
                from = 0;
                to = newer.size();
                break;
            case PAGE_NUMBER:
                int size = Integer.parseInt(param(request, "size"));
                from = (Integer.parseInt(param(request, "page")) - 1) * size;
                to = from + size;
                break;
            case OFFSET_LIMIT:
                from = Integer.parseInt(param(request, "offset"));
                to = from + Integer.parseInt(param(request, "limit"));
                break;
            case CURSOR:
                String cursor = param(request, "cursor");
                from = cursor == null ? 0 : Integer.parseInt(cursor.substring("after-".length()));
                to = from + pageSize;
                break;
            default:
                String start = param(request, "from");
                from = start == null ? 0 : Integer.parseInt(start);
                to = from + pageSize;
                break;
        }
        from = Math.min(from, newer.size());
        to = Math.min(to, newer.size());
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = from; i < to; i++) {
            long id = newer.get(i);
            body.append(i > from ? "," : "").append("{\"id\":").append(id).append(",\"name\":\"item-").append(id)
                    .append("\"}");
        }
        body.append(']');
        boolean more = to < newer.size();
        Map<String, String> headers = new HashMap<>();
        String nextQuery = "?since=" + (sinceParam == null ? "" : sinceParam) + "&from=" + to;
        if (more && paging == Paging.CURSOR) {
            body.append(",\"meta\":{\"next_cursor\":\"after-").append(to).append("\"}");
        } else if (more && paging == Paging.NEXT_URL) {
            // relative to the request, as many APIs write it
            body.append(",\"links\":{\"next\":\"").append(path).append(nextQuery).append("\"}");
        } else if (more && paging == Paging.LINK_HEADER) {
            headers.put("Link", "<" + server.url(path + nextQuery) + ">; rel=\"next\"");
        }
        body.append('}');
        respond(exchange, 200, body.toString(), headers);
    }
}
