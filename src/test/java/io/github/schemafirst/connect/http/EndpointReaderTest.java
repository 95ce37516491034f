package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.http.auth.StaticHeaderAuthenticator;
import io.github.schemafirst.connect.http.pagination.Paginators;
import io.github.schemafirst.connect.http.request.Backoff;
import io.github.schemafirst.connect.http.request.HttpFetcher;
import io.github.schemafirst.connect.http.request.RecordingSleeper;
import io.github.schemafirst.connect.record.InvalidRecordException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pagination, incremental cycles and restarts of one endpoint against a real loopback server. */
class EndpointReaderTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final List<HttpFetcher> fetchers = new ArrayList<>();

    @AfterEach
    void close() {
        fetchers.forEach(HttpFetcher::close);
        server.close();
    }

    private EndpointReader reader(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.poll.interval.ms", "60000");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        HttpSourceConfig config = new HttpSourceConfig(props);
        Backoff backoff = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(), () -> 0.0);
        HttpFetcher fetcher = new HttpFetcher(HttpClient.newHttpClient(), StaticHeaderAuthenticator.none(),
                Duration.ofSeconds(5), config.retryMaxAttempts(), backoff, config.retryAfterMax(),
                config.responseMaxBytes(), new RecordingSleeper(), clock);
        fetchers.add(fetcher);
        EndpointReader reader = new EndpointReader(Endpoints.all(config).get(0), RequestTemplate.fromConfig(config),
                fetcher, Paginators.fromConfig(config), new ResponseRecords(config.recordsPointer()),
                config.incrementalField().map(IncrementalField::of).orElse(null), config.pollInterval(), backoff, clock);
        reader.restore(EndpointOffset.fromMap(null, config.incrementalInitial().orElse(null)));
        return reader;
    }

    /** Reads one page, moving the clock past any retry wait. */
    private List<FetchedRecord> page(EndpointReader reader) throws InterruptedException {
        while (true) {
            Optional<List<FetchedRecord>> page = reader.fetchPage(Duration.ofSeconds(10));
            if (page.isPresent()) {
                return page.get();
            }
            Instant next = reader.nextActionAt();
            if (next.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next));
            }
        }
    }

    /** Fetches pages until the cycle ends. */
    private List<FetchedRecord> cycle(EndpointReader reader) throws InterruptedException {
        List<FetchedRecord> records = new ArrayList<>();
        do {
            records.addAll(page(reader));
        } while (reader.nextActionAt().equals(Instant.MIN));
        return records;
    }

    private static List<String> texts(List<FetchedRecord> records) {
        return records.stream().map(r -> r.raw().text()).collect(Collectors.toList());
    }

    private static String items(int from, int to) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add("{\"id\":" + i + "}");
        }
        return "[" + String.join(",", items) + "]";
    }

    @Test
    void noPaginationReadsOneResponsePerCycle() throws Exception {
        server.on("/items", (exchange, request) -> respond(exchange, 200, items(0, 3)));
        EndpointReader reader = reader("http.url", server.url("/items"));
        List<FetchedRecord> records = cycle(reader);
        assertThat(texts(records)).containsExactly("{\"id\":0}", "{\"id\":1}", "{\"id\":2}");
        assertThat(records.get(1).raw().position().toString()).isEqualTo(server.url("/items") + "#1");
        assertThat(records.get(0).offsetMap()).isEqualTo(Map.of("cycle.page", "", "cycle.skip", 1L));
        assertThat(records.get(2).offsetMap()).isEmpty();
        assertThat(reader.isDue(clock.instant())).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(reader.isDue(clock.instant())).isTrue();
    }

    @Test
    void pageNumberWalksPagesUntilAnEmptyOne() throws Exception {
        server.on("/items", (exchange, request) -> {
            int page = Integer.parseInt(param(request, "p"));
            respond(exchange, 200, page <= 2 ? items(page * 10, page * 10 + 2) : "[]");
        });
        EndpointReader reader = reader("http.url", server.url("/items"), "http.pagination.type", "page-number",
                "http.pagination.page.param", "p", "http.pagination.page.start", "1",
                "http.pagination.size.param", "size", "http.pagination.size", "2");
        List<FetchedRecord> records = cycle(reader);
        assertThat(texts(records)).containsExactly("{\"id\":10}", "{\"id\":11}", "{\"id\":20}", "{\"id\":21}");
        assertThat(server.requests("/items")).extracting(LoopbackHttpServer.RecordedRequest::uri)
                .containsExactly("/items?p=1&size=2", "/items?p=2&size=2", "/items?p=3&size=2");
        // the last record of a page points behind itself in its own page: a restart re-requests that page
        assertThat(records.get(1).offsetMap()).isEqualTo(Map.of("cycle.page", "", "cycle.skip", 2L));
    }

    @Test
    void anApiIgnoringThePageParameterCannotLoopTheTask() throws Exception {
        server.on("/items", (exchange, request) -> respond(exchange, 200, items(0, 2)));
        EndpointReader reader = reader("http.url", server.url("/items"), "http.pagination.type", "page-number");
        assertThat(texts(cycle(reader))).containsExactly("{\"id\":0}", "{\"id\":1}");
        assertThat(server.requests("/items")).hasSize(2);
    }

    @Test
    void offsetLimitWalksByRecordsReceived() throws Exception {
        server.on("/items", (exchange, request) -> {
            int offset = Integer.parseInt(param(request, "offset"));
            respond(exchange, 200, offset < 5 ? items(offset, Math.min(offset + 2, 5)) : "[]");
        });
        EndpointReader reader = reader("http.url", server.url("/items"), "http.pagination.type", "offset-limit",
                "http.pagination.limit", "2");
        assertThat(cycle(reader)).hasSize(5);
        assertThat(server.requests("/items")).extracting(r -> param(r, "offset") + "/" + param(r, "limit"))
                .containsExactly("0/2", "2/2", "4/2", "5/2");
    }

    @Test
    void cursorSendsBackTheTokenUntilThereIsNone() throws Exception {
        server.on("/items", (exchange, request) -> {
            String cursor = param(request, "after");
            if (cursor == null) {
                respond(exchange, 200, "{\"data\":" + items(0, 2) + ",\"meta\":{\"next\":\"c2\"}}");
            } else if (cursor.equals("c2")) {
                respond(exchange, 200, "{\"data\":" + items(2, 3) + ",\"meta\":{\"next\":null}}");
            } else {
                respond(exchange, 400, "unknown cursor");
            }
        });
        EndpointReader reader = reader("http.url", server.url("/items"), "http.records.pointer", "/data",
                "http.pagination.type", "cursor", "http.pagination.cursor.pointer", "/meta/next",
                "http.pagination.cursor.param", "after");
        assertThat(texts(cycle(reader))).containsExactly("{\"id\":0}", "{\"id\":1}", "{\"id\":2}");
        assertThat(server.requests("/items")).extracting(LoopbackHttpServer.RecordedRequest::uri)
                .containsExactly("/items", "/items?after=c2");
    }

    @Test
    void cursorThroughTheBodyTemplateOfAPost() throws Exception {
        server.on("/search", (exchange, request) -> {
            boolean first = request.body.contains("\"after\":\"\"");
            respond(exchange, 200, first ? "{\"hits\":" + items(0, 1) + ",\"next\":\"n\\\"1\"}"
                    : "{\"hits\":" + items(1, 2) + "}");
        });
        EndpointReader reader = reader("http.url", server.url("/search"), "http.method", "POST",
                "http.body", "{\"after\":\"{{cursor}}\"}", "http.records.pointer", "/hits",
                "http.pagination.type", "cursor", "http.pagination.cursor.pointer", "/next",
                "http.pagination.cursor.param", "");
        assertThat(cycle(reader)).hasSize(2);
        assertThat(server.requests("/search")).extracting(r -> r.body)
                .containsExactly("{\"after\":\"\"}", "{\"after\":\"n\\\"1\"}");
    }

    @Test
    void nextUrlFollowsLinksInTheBody() throws Exception {
        server.on("/items", (exchange, request) -> {
            String page = param(request, "page");
            String next = page == null ? "\"/items?page=2\"" : "null";
            respond(exchange, 200, "{\"results\":" + items(page == null ? 0 : 5, page == null ? 2 : 6)
                    + ",\"next\":" + next + "}");
        });
        EndpointReader reader = reader("http.url", server.url("/items"), "http.records.pointer", "/results",
                "http.pagination.type", "next-url", "http.pagination.next.url.pointer", "/next");
        List<FetchedRecord> records = cycle(reader);
        assertThat(texts(records)).containsExactly("{\"id\":0}", "{\"id\":1}", "{\"id\":5}");
        assertThat(records.get(2).raw().position().toString()).isEqualTo(server.url("/items?page=2") + "#0");
    }

    @Test
    void linkHeaderFollowsRelNext() throws Exception {
        server.on("/items", (exchange, request) -> {
            String page = param(request, "page");
            if (page == null) {
                respond(exchange, 200, items(0, 2), Map.of("Link", "<" + server.url("/items?page=2")
                        + ">; rel=\"next\", <" + server.url("/items?page=2") + ">; rel=\"last\""));
            } else {
                respond(exchange, 200, items(2, 3), Map.of("Link", "</items>; rel=\"first\""));
            }
        });
        EndpointReader reader = reader("http.url", server.url("/items"), "http.pagination.type", "link-header");
        assertThat(texts(cycle(reader))).containsExactly("{\"id\":0}", "{\"id\":1}", "{\"id\":2}");
        assertThat(server.requests("/items")).hasSize(2);
    }

    @Test
    void incrementalValueMovesToTheHighestSeenOnceTheCycleEnds() throws Exception {
        server.on("/items", (exchange, request) -> {
            long since = Long.parseLong(param(request, "since"));
            int page = Integer.parseInt(param(request, "page"));
            // newest first, two per page: the max arrives on the first page, the cycle must still finish
            List<String> all = new ArrayList<>();
            for (long id = 7; id > since; id--) {
                all.add("{\"id\":" + id + "}");
            }
            int from = Math.min((page - 1) * 2, all.size());
            int to = Math.min(from + 2, all.size());
            respond(exchange, 200, "[" + String.join(",", all.subList(from, to)) + "]");
        });
        EndpointReader reader = reader("http.url", server.url("/items?since={{incremental}}"),
                "http.pagination.type", "page-number", "http.incremental.field", "id",
                "http.incremental.initial", "2");
        List<FetchedRecord> first = cycle(reader);
        assertThat(texts(first)).hasSize(5);
        // mid-cycle offsets keep the cycle's starting value, the max so far rides along
        assertThat(first.get(0).offsetMap()).containsEntry("incremental", "2").containsEntry("cycle.max", "7");
        assertThat(first.get(4).offsetMap()).containsEntry("incremental", "2");
        assertThat(reader.incrementalValue()).isEqualTo("7");
        assertThat(server.requests("/items")).extracting(r -> param(r, "since")).containsOnly("2");

        clock.advance(Duration.ofMinutes(1));
        assertThat(cycle(reader)).isEmpty();
        assertThat(param(server.requests("/items").get(4), "since")).isEqualTo("7");
    }

    @Test
    void lastRecordOfTheLastPageCommitsTheNewIncrementalValue() throws Exception {
        server.on("/items", (exchange, request) -> respond(exchange, 200,
                "[{\"ts\":\"2026-01-02T00:00:00Z\"},{\"ts\":\"2026-01-01T00:00:00Z\"}]"));
        EndpointReader reader = reader("http.url", server.url("/items?since={{incremental}}"),
                "http.incremental.field", "ts");
        List<FetchedRecord> records = cycle(reader);
        assertThat(records.get(1).offsetMap()).isEqualTo(Map.of("incremental", "2026-01-02T00:00:00Z"));
        assertThat(server.requests("/items").get(0).query).isEqualTo("since=");
    }

    @Test
    void restartMidPageSkipsWhatWasCommittedAndKeepsTheCycleValue() throws Exception {
        server.on("/items", (exchange, request) -> {
            int page = Integer.parseInt(param(request, "page"));
            respond(exchange, 200, page <= 2 ? items(page * 10, page * 10 + 3) : "[]");
        });
        EndpointReader reader = reader("http.url", server.url("/items?since={{incremental}}"),
                "http.pagination.type", "page-number", "http.incremental.field", "id");
        // committed: page 2, first two records delivered, cycle started at 5 and saw up to 21
        reader.restore(EndpointOffset.fromMap(Map.of("incremental", "5", "cycle.page", "2", "cycle.skip", 2L,
                "cycle.max", "21"), null));
        List<FetchedRecord> records = cycle(reader);
        assertThat(texts(records)).containsExactly("{\"id\":22}");
        assertThat(records.get(0).raw().position().index()).isEqualTo(2);
        assertThat(server.requests("/items")).extracting(r -> param(r, "page") + "@" + param(r, "since"))
                .containsExactly("2@5", "3@5");
        assertThat(reader.incrementalValue()).isEqualTo("22");
    }

    @Test
    void restartAfterTheLastPageGrewDeliversWhatWasAppendedToIt() throws Exception {
        // ids 1..5 at first, oldest first, pages of 2, filtered by since: the shape of most incremental APIs
        List<Integer> ids = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(1, 2, 3, 4, 5));
        server.on("/items", (exchange, request) -> {
            long since = Long.parseLong(param(request, "since"));
            int page = Integer.parseInt(param(request, "page"));
            List<String> newer = ids.stream().filter(id -> id > since).map(id -> "{\"id\":" + id + "}")
                    .collect(Collectors.toList());
            int from = Math.min((page - 1) * 2, newer.size());
            respond(exchange, 200, "[" + String.join(",", newer.subList(from, Math.min(from + 2, newer.size())))
                    + "]");
        });
        String[] settings = {"http.url", server.url("/items?since={{incremental}}"),
            "http.pagination.type", "page-number", "http.pagination.size.param", "size",
            "http.pagination.size", "2", "http.incremental.field", "id", "http.incremental.initial", "0"};
        List<FetchedRecord> first = cycle(reader(settings));
        assertThat(texts(first)).hasSize(5);

        // the connector stops; ids 6..9 arrive: at since=0 they fill page 3 and make pages 4 and 5
        ids.addAll(List.of(6, 7, 8, 9));
        EndpointReader restarted = reader(settings);
        restarted.restore(EndpointOffset.fromMap(first.get(4).offsetMap(), "0"));
        assertThat(texts(cycle(restarted))).containsExactly("{\"id\":6}", "{\"id\":7}", "{\"id\":8}",
                "{\"id\":9}");
        assertThat(restarted.incrementalValue()).isEqualTo("9");
    }

    @Test
    void aBodyWithoutRecordsOnTheFirstPageBecomesOneInvalidRecordAndTheValueStays() throws Exception {
        server.on("/items", (exchange, request) -> respond(exchange, 200, "<html>maintenance</html>",
                Map.of("Content-Type", "text/html")));
        EndpointReader reader = reader("http.url", server.url("/items?since={{incremental}}"),
                "http.incremental.field", "id", "http.incremental.initial", "4");
        List<FetchedRecord> records = cycle(reader);
        assertThat(records).hasSize(1);
        FetchedRecord invalid = records.get(0);
        assertThat(invalid.raw().position().toString()).isEqualTo(server.url("/items?since=4") + "#-1");
        assertThat(new String(invalid.raw().bytes(), StandardCharsets.UTF_8)).isEqualTo("<html>maintenance</html>");
        assertThat(invalid.offsetMap()).isEqualTo(Map.of("incremental", "4"));
        InvalidRecordException error = org.junit.jupiter.api.Assertions.assertThrows(InvalidRecordException.class,
                () -> invalid.decoder().decode(invalid.raw()));
        assertThat(error.getMessage()).startsWith(server.url("/items?since=4") + "#-1 /: expected a JSON body, "
                + "got invalid JSON");
        assertThat(reader.incrementalValue()).isEqualTo("4");
    }

    @Test
    void anUnreadablePageMidCycleIsRequestedAgainAfterTheIntervalNotTheWholeCycle() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean proxyError = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.on("/items", (exchange, request) -> {
            int page = Integer.parseInt(param(request, "page"));
            if (page == 2 && proxyError.getAndSet(false)) {
                respond(exchange, 200, "<html>bad gateway</html>", Map.of("Content-Type", "text/html"));
            } else {
                respond(exchange, 200, page <= 2 ? items(page * 10, page * 10 + 2) : "[]");
            }
        });
        EndpointReader reader = reader("http.url", server.url("/items?since={{incremental}}"),
                "http.pagination.type", "page-number", "http.incremental.field", "id",
                "http.incremental.initial", "4");
        List<FetchedRecord> first = cycle(reader);
        assertThat(texts(first)).hasSize(3).startsWith("{\"id\":10}", "{\"id\":11}");
        FetchedRecord invalid = first.get(2);
        assertThat(invalid.raw().position().toString()).endsWith("page=2#-1");
        // committed with the dead letter: resume at page 2, nothing of it delivered, the cycle's value kept
        assertThat(invalid.offsetMap()).isEqualTo(Map.of("incremental", "4", "cycle.page", "2", "cycle.skip", 0L,
                "cycle.max", "11"));
        assertThat(reader.isDue(clock.instant())).isFalse();

        clock.advance(Duration.ofSeconds(60));
        assertThat(reader.isDue(clock.instant())).isTrue();
        assertThat(texts(cycle(reader))).containsExactly("{\"id\":20}", "{\"id\":21}");
        assertThat(server.requests("/items")).extracting(r -> param(r, "page") + "@" + param(r, "since"))
                .containsExactly("1@4", "2@4", "2@4", "3@4");
        assertThat(reader.incrementalValue()).isEqualTo("21");
    }

    @Test
    void anUnreadablePageWithoutPollIntervalIsAskedForAgainAfterAGrowingBackoffNeverAtOnce() throws Exception {
        server.on("/items", (exchange, request) -> respond(exchange, 200, "<html>bad gateway</html>",
                Map.of("Content-Type", "text/html")));
        EndpointReader reader = reader("http.url", server.url("/items"), "http.poll.interval.ms", "0",
                "http.retry.backoff.initial.ms", "0", "http.retry.backoff.max.ms", "1000");
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant before = clock.instant();
            assertThat(page(reader)).hasSize(1); // the invalid body
            assertThat(reader.isDue(clock.instant())).as("asked again at once").isFalse();
            pauses.add(Duration.between(before, reader.nextActionAt()));
            clock.advance(Duration.between(clock.instant(), reader.nextActionAt()));
        }
        // jitter 0: half of a ceiling that starts at 100 ms (the floor, whatever the settings) and doubles up to 1 s
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(server.requests("/items")).hasSize(6);
    }

    @Test
    void aReadablePageResetsTheBackoffOfUnreadableOnes() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.on("/items", (exchange, request) -> {
            int call = calls.incrementAndGet();
            respond(exchange, 200, call == 3 ? items(0, 1) : "<html>bad gateway</html>");
        });
        EndpointReader reader = reader("http.url", server.url("/items"), "http.poll.interval.ms", "0",
                "http.retry.backoff.initial.ms", "100", "http.retry.backoff.max.ms", "10000");
        page(reader);
        page(reader);
        Instant before = clock.instant();
        assertThat(texts(page(reader))).containsExactly("{\"id\":0}");
        Instant after = clock.instant();
        page(reader);
        assertThat(Duration.between(after, reader.nextActionAt())).as("the first failure again, not the third")
                .isEqualTo(Duration.ofMillis(50));
        assertThat(before).isBefore(after.plusSeconds(1));
    }

    @Test
    void aPageOverTheResponseLimitIsAnInvalidRecordAndIsAskedForAgainLater() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean huge = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.on("/items", (exchange, request) -> respond(exchange, 200,
                huge.getAndSet(false) ? "<html>" + "x".repeat(5000) + "</html>" : items(0, 2)));
        EndpointReader reader = reader("http.url", server.url("/items?since={{incremental}}"),
                "http.incremental.field", "id", "http.incremental.initial", "-1", "http.response.max.bytes", "4096");
        List<FetchedRecord> first = page(reader);
        assertThat(first).hasSize(1);
        FetchedRecord invalid = first.get(0);
        assertThat(invalid.raw().position().toString()).isEqualTo(server.url("/items?since=-1") + "#-1");
        assertThat(invalid.raw().bytes()).isEmpty(); // Content-Length said it all: nothing was read
        InvalidRecordException error = org.junit.jupiter.api.Assertions.assertThrows(InvalidRecordException.class,
                () -> invalid.decoder().decode(invalid.raw()));
        assertThat(error.getMessage()).contains("response body over http.response.max.bytes=4096 bytes "
                + "(Content-Length: 5013)");
        assertThat(invalid.offsetMap()).isEqualTo(Map.of("incremental", "-1"));
        assertThat(reader.isDue(clock.instant())).isFalse();

        clock.advance(Duration.ofSeconds(60));
        assertThat(texts(cycle(reader))).containsExactly("{\"id\":0}", "{\"id\":1}");
        assertThat(reader.incrementalValue()).isEqualTo("1");
    }
}
