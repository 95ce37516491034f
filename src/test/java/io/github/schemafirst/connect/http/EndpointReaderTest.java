package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pagination, incremental cycles and restarts of one endpoint against a real loopback server, without prefetch;
 * {@link EndpointReaderPrefetchTest} runs every test again with it.
 */
class EndpointReaderTest {
    final LoopbackHttpServer server = new LoopbackHttpServer();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final List<HttpFetcher> fetchers = new ArrayList<>();

    /** Whether the readers made here prefetch the next page of a cycle. */
    boolean prefetch() {
        return false;
    }

    @AfterEach
    void close() {
        fetchers.forEach(HttpFetcher::close);
        server.close();
    }

    EndpointReader reader(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        props.put("http.poll.interval.ms", "60000");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        HttpSourceConfig config = new HttpSourceConfig(props);
        Backoff backoff = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(), () -> 0.0);
        HttpFetcher fetcher = new HttpFetcher(HttpClient.newHttpClient(), StaticHeaderAuthenticator.none(), null,
                Duration.ofSeconds(5), config.retryMaxAttempts(), backoff, config.retryAfterMax(),
                config.responseMaxBytes(), new RecordingSleeper(), clock);
        fetchers.add(fetcher);
        EndpointReader reader = new EndpointReader(Endpoints.all(config).get(0), RequestTemplate.fromConfig(config),
                fetcher, Paginators.fromConfig(config), new ResponseRecords(config.recordsPointer()),
                IncrementalTracker.fromConfig(config), config.pollInterval(), backoff, clock, prefetch());
        reader.restore(EndpointOffset.fromMap(null, config.incrementalInitial().orElse(null)));
        return reader;
    }

    /** Reads one page, moving the clock past any retry wait. */
    List<FetchedRecord> page(EndpointReader reader) throws InterruptedException {
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
    List<FetchedRecord> cycle(EndpointReader reader) throws InterruptedException {
        List<FetchedRecord> records = new ArrayList<>();
        do {
            records.addAll(page(reader));
        } while (reader.nextActionAt().equals(Instant.MIN));
        return records;
    }

    static List<String> texts(List<FetchedRecord> records) {
        return records.stream().map(r -> r.raw().text()).collect(Collectors.toList());
    }

    static String items(int from, int to) {
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
    void everyRecordCarriesTheOffsetJustAfterItAcrossPages() throws Exception {
        server.on("/items", (exchange, request) -> {
            int page = Integer.parseInt(param(request, "page"));
            respond(exchange, 200, page <= 2 ? items(page * 10, page * 10 + 2) : "[]");
        });
        EndpointReader reader = reader("http.url", server.url("/items?since={{incremental}}"),
                "http.pagination.type", "page-number", "http.incremental.field", "id",
                "http.incremental.initial", "4");
        List<FetchedRecord> records = cycle(reader);
        assertThat(texts(records)).containsExactly("{\"id\":10}", "{\"id\":11}", "{\"id\":20}", "{\"id\":21}");
        // the highest value so far, up to each record: page 1's records know nothing of page 2, however early
        // page 2 was asked for
        assertThat(records).extracting(FetchedRecord::offsetMap).containsExactly(
                Map.of("incremental", "4", "cycle.page", "", "cycle.skip", 1L, "cycle.max", "10"),
                Map.of("incremental", "4", "cycle.page", "", "cycle.skip", 2L, "cycle.max", "11"),
                Map.of("incremental", "4", "cycle.page", "2", "cycle.skip", 1L, "cycle.max", "20"),
                Map.of("incremental", "4", "cycle.page", "2", "cycle.skip", 2L, "cycle.max", "21"));
        assertThat(server.requests("/items")).extracting(r -> param(r, "page") + "@" + param(r, "since"))
                .containsExactly("1@4", "2@4", "3@4");
        assertThat(reader.incrementalValue()).isEqualTo("21");
    }

    @Test
    void aServerErrorOnALaterPageIsRetriedAndTheCycleGoesOn() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.on("/items", (exchange, request) -> {
            int page = Integer.parseInt(param(request, "page"));
            if (page == 2 && down.getAndSet(false)) {
                respond(exchange, 503, "maintenance");
            } else {
                respond(exchange, 200, page <= 2 ? items(page * 10, page * 10 + 2) : "[]");
            }
        });
        EndpointReader reader = reader("http.url", server.url("/items"), "http.pagination.type", "page-number",
                "http.retry.backoff.initial.ms", "1000");
        Instant start = clock.instant();
        assertThat(texts(page(reader))).containsExactly("{\"id\":10}", "{\"id\":11}");
        List<FetchedRecord> second = page(reader);
        assertThat(texts(second)).containsExactly("{\"id\":20}", "{\"id\":21}");
        assertThat(second.get(0).offsetMap()).isEqualTo(Map.of("cycle.page", "2", "cycle.skip", 1L));
        // the retry waited its backoff (jitter 0: half of the 1 s ceiling), as it does for any failed request
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(500));
        assertThat(cycle(reader)).isEmpty();
        assertThat(server.requests("/items")).extracting(r -> param(r, "page")).containsExactly("1", "2", "2", "3");
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

    /**
     * An API of records {"id":"<id>","ts":<ts>} filtered with {@code ts >= since} (or {@code > since} when
     * {@code exclusive}), sorted by (ts, id), paged by {@code page}/{@code size}: what "updated_at >= ?" APIs with
     * second resolution look like.
     */
    private void timestampedApi(List<String[]> rows, boolean exclusive) {
        timestampedApi("/rows", rows, exclusive);
    }

    private void timestampedApi(String path, List<String[]> rows, boolean exclusive) {
        server.on(path, (exchange, request) -> {
            String since = param(request, "since");
            long from = since == null || since.isEmpty() ? Long.MIN_VALUE : Long.parseLong(since);
            int page = Integer.parseInt(param(request, "page"));
            int size = Integer.parseInt(param(request, "size"));
            List<String[]> visible;
            synchronized (rows) {
                visible = rows.stream().filter(r -> exclusive ? Long.parseLong(r[1]) > from
                                : Long.parseLong(r[1]) >= from)
                        .sorted(java.util.Comparator.<String[]>comparingLong(r -> Long.parseLong(r[1]))
                                .thenComparing(r -> r[0]))
                        .collect(Collectors.toList());
            }
            int start = Math.min((page - 1) * size, visible.size());
            respond(exchange, 200, "[" + visible.subList(start, Math.min(start + size, visible.size())).stream()
                    .map(r -> "{\"id\":\"" + r[0] + "\",\"ts\":" + r[1] + "}").collect(Collectors.joining(","))
                    + "]");
        });
    }

    private static String[] row(String id, long ts) {
        return new String[] {id, Long.toString(ts)};
    }

    private String[] timestamped(String mode, String... extra) {
        return timestampedAt("/rows", mode, extra);
    }

    private String[] timestampedAt(String path, String mode, String... extra) {
        List<String> settings = new ArrayList<>(List.of("http.url", server.url(path + "?since={{incremental}}"),
                "http.pagination.type", "page-number", "http.pagination.size.param", "size",
                "http.pagination.size", "2", "http.incremental.field", "ts", "http.incremental.mode", mode));
        settings.addAll(List.of(extra));
        return settings.toArray(new String[0]);
    }

    private static List<String> ids(List<FetchedRecord> records) {
        return records.stream().map(r -> r.raw().text().replaceAll(".*\"id\":\"([^\"]*)\".*", "$1"))
                .collect(Collectors.toList());
    }

    @Test
    void inclusiveModeDeliversRecordsThatShareATimestampExactlyOnceWhenTheyArriveAcrossCycles() throws Exception {
        List<String[]> rows = new ArrayList<>(List.of(row("a", 10), row("b", 10)));
        timestampedApi(rows, false);
        EndpointReader reader = reader(timestamped("inclusive", "http.incremental.id.field", "id",
                "http.pagination.size", "10"));
        List<FetchedRecord> first = cycle(reader);
        assertThat(ids(first)).containsExactly("a", "b");
        // page-number cycles end on an empty page: the last record still points into its page
        assertThat(first.get(1).offsetMap()).isEqualTo(Map.of("cycle.page", "", "cycle.skip", 2L, "cycle.max", "10"));
        assertThat(reader.incrementalValue()).isEqualTo("10");

        // a late commit at the same second, and a newer record
        synchronized (rows) {
            rows.add(row("c", 10));
            rows.add(row("d", 11));
        }
        clock.advance(Duration.ofMinutes(1));
        List<FetchedRecord> second = cycle(reader);
        assertThat(ids(second)).containsExactly("c", "d");
        // a and b came again (ts >= 10) and were dropped; the offsets name the cycle's start, ids included
        String ab = "[\"a\",\"b\"]";
        assertThat(second.get(0).offsetMap()).isEqualTo(Map.of("incremental", "10", "incremental.ids", ab,
                "cycle.page", "", "cycle.skip", 3L, "cycle.max", "10", "cycle.max.ids", ab));
        assertThat(second.get(1).offsetMap()).isEqualTo(Map.of("incremental", "10", "incremental.ids", ab,
                "cycle.page", "", "cycle.skip", 4L, "cycle.max", "11"));
        assertThat(reader.incrementalValue()).isEqualTo("11");

        // nothing new: the boundary record comes back (>=) and is dropped, cycle after cycle
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(cycle(reader)).isEmpty();
        }
        assertThat(server.requests("/rows")).extracting(r -> param(r, "since")).contains("", "10", "11");
    }

    @Test
    void exclusiveModeMissesALateRecordAtTheHighestTimestampWhichIsWhatInclusiveModeIsFor() throws Exception {
        List<String[]> rows = new ArrayList<>(List.of(row("a", 10), row("b", 10)));
        timestampedApi(rows, true);
        EndpointReader reader = reader(timestamped("exclusive"));
        assertThat(ids(cycle(reader))).containsExactly("a", "b");
        synchronized (rows) {
            rows.add(row("c", 10));
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(cycle(reader)).isEmpty();
    }

    /**
     * Stops after every single record of a three-cycle history with ties across pages and cycles, restarts from
     * that record's offset, and checks that every record arrives exactly once overall.
     */
    @Test
    void inclusiveModeResumesExactlyOnceFromTheOffsetOfAnyRecord() throws Exception {
        List<String[]> rows = new ArrayList<>();
        timestampedApi(rows, false);
        List<List<String[]>> arrivals = List.of(
                List.of(row("a", 5), row("b", 7), row("c", 7), row("d", 7), row("e", 7), row("f", 7)),
                List.of(row("g", 7), row("h", 7), row("i", 8), row("j", 8), row("k", 8)),
                List.of(row("l", 8), row("m", 9)));
        List<String> expected = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m");
        for (int stopAfter = 1; stopAfter <= expected.size(); stopAfter++) {
            synchronized (rows) {
                rows.clear();
            }
            List<String> delivered = new ArrayList<>();
            Map<String, Object> committed = null;
            EndpointReader reader = reader(timestamped("inclusive", "http.incremental.id.field", "id"));
            boolean restarted = false;
            for (List<String[]> arrival : arrivals) {
                synchronized (rows) {
                    rows.addAll(arrival);
                }
                clock.advance(Duration.ofMinutes(1));
                do {
                    for (FetchedRecord record : page(reader)) {
                        delivered.add(ids(List.of(record)).get(0));
                        committed = record.offsetMap();
                        if (!restarted && delivered.size() == stopAfter) {
                            // the task stops here; a new one starts from what the worker committed
                            restarted = true;
                            reader = reader(timestamped("inclusive", "http.incremental.id.field", "id"));
                            reader.restore(EndpointOffset.fromMap(committed, null));
                            break;
                        }
                    }
                } while (reader.nextActionAt().equals(Instant.MIN));
            }
            clock.advance(Duration.ofMinutes(1));
            assertThat(cycle(reader)).as("a quiet cycle after stopping after record %d", stopAfter).isEmpty();
            assertThat(delivered).as("stopped after record %d", stopAfter).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void inclusiveModeFailsRatherThanLoseOrRepeatWhenMoreRecordsShareAValueThanTheOffsetMayHold() throws Exception {
        List<String[]> rows = new ArrayList<>(List.of(row("a", 3), row("b", 3), row("c", 3), row("d", 4)));
        timestampedApi(rows, false);
        EndpointReader reader = reader(timestamped("inclusive", "http.incremental.id.field", "id",
                "http.incremental.ids.max", "2"));
        assertThat(ids(page(reader))).containsExactly("a", "b");
        assertThatThrownBy(() -> page(reader)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("more than 2 records share the incremental value 3")
                .hasMessageContaining("http.incremental.ids.max");
    }

    @Test
    void inclusiveModeWithoutIdFieldKnowsRecordsByTheirTextAndKeepsLongIdsAsDigests() throws Exception {
        String longId = "x".repeat(100);
        for (boolean byId : List.of(false, true)) {
            List<String[]> rows = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(row(longId, 10),
                    row("short", 10)));
            String path = byId ? "/by-id" : "/by-text";
            timestampedApi(path, rows, false);
            EndpointReader reader = reader(byId
                    ? timestampedAt(path, "inclusive", "http.incremental.id.field", "id", "http.pagination.size", "10")
                    : timestampedAt(path, "inclusive", "http.pagination.size", "10"));
            assertThat(cycle(reader)).hasSize(2);
            rows.add(row("late", 10));
            clock.advance(Duration.ofMinutes(1));
            List<FetchedRecord> late = cycle(reader);
            assertThat(ids(late)).containsExactly("late");
            // in the API's order: "short" sorts first
            String expected = byId ? "[\"short\",\"" + BoundaryIds.digest(longId) + "\"]"
                    : "[\"" + BoundaryIds.digest("{\"id\":\"short\",\"ts\":10}") + "\",\""
                    + BoundaryIds.digest("{\"id\":\"" + longId + "\",\"ts\":10}") + "\"]";
            assertThat(late.get(0).offsetMap()).containsEntry("incremental.ids", expected);
            clock.advance(Duration.ofMinutes(1));
            assertThat(cycle(reader)).isEmpty();
        }
    }

    @Test
    void anOffsetWrittenBeforeInclusiveModeIsReadAndOnlyItsBoundaryRecordsComeAgainOnce() throws Exception {
        List<String[]> rows = new ArrayList<>(List.of(row("a", 8), row("b", 10), row("c", 10), row("d", 11)));
        timestampedApi(rows, false);
        EndpointReader reader = reader(timestamped("inclusive", "http.incremental.id.field", "id"));
        // what exclusive mode (and the connector before the modes existed) committed after b and c
        reader.restore(EndpointOffset.fromMap(Map.of("incremental", 10L), null));
        assertThat(ids(cycle(reader))).containsExactly("b", "c", "d");
        clock.advance(Duration.ofMinutes(1));
        assertThat(cycle(reader)).isEmpty();
    }

    @Test
    void compositeModeSendsTheValueAndIdOfTheHighestPair() throws Exception {
        List<String[]> rows = new ArrayList<>(List.of(row("a", 10), row("b", 10), row("c", 9)));
        server.on("/rows", (exchange, request) -> {
            String since = param(request, "since");
            String after = param(request, "after");
            long ts = since.isEmpty() ? Long.MIN_VALUE : Long.parseLong(since);
            respond(exchange, 200, "[" + rows.stream()
                    .filter(r -> Long.parseLong(r[1]) > ts || (Long.parseLong(r[1]) == ts && r[0].compareTo(after) > 0))
                    .map(r -> "{\"id\":\"" + r[0] + "\",\"ts\":" + r[1] + "}").collect(Collectors.joining(","))
                    + "]");
        });
        EndpointReader reader = reader("http.url", server.url("/rows?since={{incremental}}&after={{incremental.id}}"),
                "http.incremental.field", "ts", "http.incremental.mode", "composite",
                "http.incremental.id.field", "id");
        List<FetchedRecord> first = cycle(reader);
        assertThat(ids(first)).containsExactly("a", "b", "c");
        assertThat(first.get(2).offsetMap()).isEqualTo(Map.of("incremental", "10", "incremental.id", "b"));
        rows.add(row("ab", 10));
        clock.advance(Duration.ofMinutes(1));
        assertThat(ids(cycle(reader))).isEmpty(); // "ab" sorts before "b": the API itself does not return it
        rows.add(row("bb", 10));
        clock.advance(Duration.ofMinutes(1));
        assertThat(ids(cycle(reader))).containsExactly("bb");
        assertThat(server.requests("/rows")).extracting(r -> param(r, "since") + "/" + param(r, "after"))
                .containsExactly("/", "10/b", "10/b");
    }

    /** A cursor API whose cursors of an earlier "generation" are refused with {@code status}. */
    private void expiringCursorApi(String path, int status) {
        server.on(path, (exchange, request) -> {
            String cursor = param(request, "cursor");
            long since = Long.parseLong(param(request, "since"));
            if (cursor != null && cursor.startsWith("old-")) {
                respond(exchange, status, "{\"error\":\"cursor expired\"}");
                return;
            }
            int from = cursor == null ? 0 : Integer.parseInt(cursor.substring("new-".length()));
            List<String> rows = new ArrayList<>();
            for (long id = Math.max(since + 1, 1); id <= 5; id++) {
                rows.add("{\"id\":" + id + "}");
            }
            int to = Math.min(from + 2, rows.size());
            String next = to < rows.size() ? "\"new-" + to + "\"" : "null";
            respond(exchange, 200, "{\"data\":[" + String.join(",", rows.subList(Math.min(from, to), to))
                    + "],\"next\":" + next + "}");
        });
    }

    private String[] expiringCursorSettings(String path) {
        return new String[] {"http.url", server.url(path + "?since={{incremental}}"), "http.records.pointer", "/data",
            "http.pagination.type", "cursor", "http.pagination.cursor.pointer", "/next",
            "http.incremental.field", "id", "http.incremental.initial", "0"};
    }

    @Test
    void aStoredCursorTheApiNoLongerAcceptsRestartsTheCycleFromTheStoredValue() throws Exception {
        for (int status : List.of(400, 404, 410)) {
            String path = "/feed-" + status;
            expiringCursorApi(path, status);
            EndpointReader reader = reader(expiringCursorSettings(path));
            // committed before the restart: cycle from 1, cursor of page 2, one record of it delivered
            reader.restore(EndpointOffset.fromMap(Map.of("incremental", "1", "cycle.page", "old-2", "cycle.skip", 1L,
                    "cycle.max", "3"), null));
            List<FetchedRecord> records = cycle(reader);
            assertThat(texts(records)).as("HTTP %d", status)
                    .containsExactly("{\"id\":2}", "{\"id\":3}", "{\"id\":4}", "{\"id\":5}");
            assertThat(server.requests(path)).extracting(r -> r.query)
                    .containsExactly("since=1&cursor=old-2", "since=1", "since=1&cursor=new-2");
            assertThat(reader.incrementalValue()).isEqualTo("5");
        }
    }

    @Test
    void theSameStatusForACursorOfTheRunningCycleFailsTheTask() throws Exception {
        server.on("/feed", (exchange, request) -> {
            if (param(request, "cursor") == null) {
                respond(exchange, 200, "{\"data\":[{\"id\":1}],\"next\":\"c1\"}");
            } else {
                respond(exchange, 410, "{\"error\":\"gone\"}");
            }
        });
        EndpointReader reader = reader(expiringCursorSettings("/feed"));
        assertThat(page(reader)).hasSize(1);
        assertThatThrownBy(() -> page(reader)).isInstanceOf(ConnectException.class).hasMessageContaining("HTTP 410");
    }

    @Test
    void aStoredCursorThatFailsWithAServerErrorIsRetriedNotGivenUp() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.on("/feed", (exchange, request) -> {
            if (down.getAndSet(false)) {
                respond(exchange, 503, "maintenance");
            } else {
                respond(exchange, 200, "{\"data\":[{\"id\":4},{\"id\":5}],\"next\":null}");
            }
        });
        EndpointReader reader = reader(expiringCursorSettings("/feed"));
        reader.restore(EndpointOffset.fromMap(Map.of("incremental", "1", "cycle.page", "c2", "cycle.skip", 0L),
                null));
        assertThat(texts(cycle(reader))).containsExactly("{\"id\":4}", "{\"id\":5}");
        assertThat(server.requests("/feed")).extracting(r -> param(r, "cursor")).containsExactly("c2", "c2");
    }
}
