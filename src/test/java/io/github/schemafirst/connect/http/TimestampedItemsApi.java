package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * An API of items {@code {"id":N,"name":"item-N","updated_at":"<ISO second>"}} filtered on {@code updated_at}
 * with {@code >=} ({@code ?since=}) or, for {@code ?op=gt}, with {@code >}; sorted by (updated_at, id) and paged with
 * {@code page}/{@code size}: the shape of "updated since" APIs with second resolution, where several items share a
 * second and a late commit can add one to a second already read.
 */
final class TimestampedItemsApi {
    /** The declared value schema of an item. */
    static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"it.http\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"name\",\"type\":\"string\"},"
            + "{\"name\":\"updated_at\",\"type\":\"string\"}]}";

    private final LoopbackHttpServer server;
    private final String path;
    private final List<Object[]> items = new ArrayList<>();

    TimestampedItemsApi(LoopbackHttpServer server, String path) {
        this.server = server;
        this.path = path;
        server.on(path, (exchange, request) -> {
            String since = param(request, "since");
            boolean strictlyAfter = "gt".equals(param(request, "op"));
            int page = Integer.parseInt(param(request, "page"));
            int size = Integer.parseInt(param(request, "size"));
            List<Object[]> visible;
            synchronized (this) {
                visible = items.stream()
                        .filter(item -> since == null || since.isEmpty()
                                || (strictlyAfter ? ((String) item[1]).compareTo(since) > 0
                                : ((String) item[1]).compareTo(since) >= 0))
                        .sorted(Comparator.<Object[], String>comparing(item -> (String) item[1])
                                .thenComparingLong(item -> (Long) item[0]))
                        .collect(Collectors.toList());
            }
            int from = Math.min((page - 1) * size, visible.size());
            respond(exchange, 200, "{\"items\":[" + visible.subList(from, Math.min(from + size, visible.size()))
                    .stream().map(item -> "{\"id\":" + item[0] + ",\"name\":\"item-" + item[0]
                            + "\",\"updated_at\":\"" + item[1] + "\"}")
                    .collect(Collectors.joining(",")) + "]}");
        });
    }

    /** A second-resolution timestamp: {@code 2026-03-01T10:00:<second>Z}. */
    static String second(int second) {
        return String.format("2026-03-01T10:%02d:%02dZ", second / 60, second % 60);
    }

    /** Items {@code from..to} (inclusive), all updated at the same second. */
    synchronized TimestampedItemsApi add(long from, long to, String updatedAt) {
        for (long id = from; id <= to; id++) {
            items.add(new Object[] {id, updatedAt});
        }
        return this;
    }

    /**
     * Connector keys: page-number pages of 3 (ties cross page boundaries), {@code updated_at} as incremental field,
     * a 300 ms poll interval; {@code op=gt} makes the API filter strictly after the value.
     */
    Map<String, String> connectorConfig(String mode, boolean strictlyAfter) {
        Map<String, String> config = new HashMap<>();
        config.put("http.url", urlTemplate(strictlyAfter));
        config.put("http.records.pointer", "/items");
        config.put("http.pagination.type", "page-number");
        config.put("http.pagination.size.param", "size");
        config.put("http.pagination.size", "3");
        config.put("http.incremental.field", "updated_at");
        config.put("http.incremental.mode", mode);
        if (mode.equals("inclusive")) {
            config.put("http.incremental.id.field", "id");
        }
        config.put("http.poll.interval.ms", "300");
        config.put("http.retry.backoff.initial.ms", "100");
        config.put("http.retry.backoff.max.ms", "500");
        return config;
    }

    String urlTemplate(boolean strictlyAfter) {
        return server.url(path + "?since={{incremental}}" + (strictlyAfter ? "&op=gt" : ""));
    }

    /**
     * Waits for {@code count} first-page requests made from now on whose {@code since} is {@code since}: proof that
     * the connector completed the cycles before them, and ran that many cycles from that value.
     */
    void awaitCyclesSince(String since, int count, Duration timeout) {
        int seen = server.requests(path).size();
        long deadline = System.nanoTime() + timeout.toNanos();
        int found = 0;
        while (System.nanoTime() < deadline) {
            List<LoopbackHttpServer.RecordedRequest> requests = server.requests(path);
            found = 0;
            for (LoopbackHttpServer.RecordedRequest request : requests.subList(Math.min(seen, requests.size()),
                    requests.size())) {
                if (since.equals(param(request, "since")) && "1".equals(param(request, "page"))) {
                    found++;
                }
            }
            if (found >= count) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new AssertionError(found + " of " + count + " cycles of " + path + " with since=" + since + " within "
                + timeout + "; last requests " + server.requests(path).subList(
                Math.max(0, server.requests(path).size() - 5), server.requests(path).size()));
    }
}
