package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.core.InvalidRecordFailure;
import io.github.schemafirst.connect.core.RecordPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The task end to end against a loopback server, with a fake worker context holding committed offsets. No value
 * schema is declared, so the APIs here return JSON strings (what the plain-string mapper accepts).
 */
class HttpSourceTaskTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final List<HttpSourceTask> tasks = new ArrayList<>();

    @AfterEach
    void close() {
        tasks.forEach(HttpSourceTask::stop);
        server.close();
    }

    private HttpSourceTask start(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "events");
        props.put("http.poll.interval.ms", "3600000");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        HttpSourceTask task = new HttpSourceTask();
        task.initialize(new FakeContext(props));
        task.start(props);
        tasks.add(task);
        return task;
    }

    /** Polls until {@code count} records arrived or the deadline passes. */
    private static List<SourceRecord> pollFor(HttpSourceTask task, int count) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        return records;
    }

    private void commit(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            committed.put(record.sourcePartition(), new HashMap<>(record.sourceOffset()));
        }
    }

    private static List<Object> values(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::value).collect(Collectors.toList());
    }

    @Test
    void getWithoutPaginationOrAuthProducesRecordsWithPartitionAndOffset() throws Exception {
        server.on("/names", (exchange, request) -> respond(exchange, 200, "[\"ada\",\"grace\",\"linus\"]"));
        HttpSourceTask task = start("http.url", server.url("/names"));
        List<SourceRecord> records = pollFor(task, 3);
        assertThat(values(records)).containsExactly("ada", "grace", "linus");
        assertThat(records.get(0).topic()).isEqualTo("events");
        assertThat(records.get(0).sourcePartition()).isEqualTo(Map.of("endpoint", server.url("/names")));
        assertThat(records.get(0).sourceOffset()).isEqualTo(Map.of("cycle.page", "", "cycle.skip", 1L));
        assertThat(records.get(2).sourceOffset()).isEmpty();
    }

    @Test
    void batchesAreCappedAtBatchMaxRecords() throws Exception {
        server.on("/names", (exchange, request) -> respond(exchange, 200, "[\"a\",\"b\",\"c\",\"d\",\"e\"]"));
        HttpSourceTask task = start("http.url", server.url("/names"), "batch.max.records", "2");
        assertThat(task.poll()).hasSize(2);
        assertThat(task.poll()).hasSize(2);
        assertThat(task.poll()).hasSize(1);
        assertThat(server.requests("/names")).hasSize(1);
    }

    @Test
    void onePollFetchesFurtherPagesOfTheCycleUntilTheBatchIsFull() throws Exception {
        serveSixRecordsInPagesOfTwo("/log");
        // without prefetch a poll waits for the next page to fill its batch (with it, a poll holding records hands
        // them over rather than wait, so where a batch ends depends on timing)
        HttpSourceTask task = start("http.url", server.url("/log"), "http.pagination.type", "page-number",
                "batch.max.records", "5", "http.pagination.prefetch.enabled", "false");

        List<SourceRecord> first = task.poll();
        assertThat(values(first)).containsExactly("1", "2", "3", "4", "5");
        assertThat(server.requests("/log")).extracting(r -> param(r, "page")).containsExactly("1", "2", "3");
        // every record still carries the offset just after it, across the pages of the batch; the last record of a
        // page points into its own page (the first page has no token), so a restart finds what was appended to it
        assertThat(first.get(1).sourceOffset()).isEqualTo(Map.of("cycle.page", "", "cycle.skip", 2L));
        assertThat(first.get(4).sourceOffset()).isEqualTo(Map.of("cycle.page", "3", "cycle.skip", 1L));

        // the leftover record first, then the empty page 4 ends the cycle and the poll returns without waiting
        List<SourceRecord> second = task.poll();
        assertThat(values(second)).containsExactly("6");
        assertThat(server.requests("/log")).extracting(r -> param(r, "page")).containsExactly("1", "2", "3", "4");
    }

    /** Seven records in pages of three, for each pagination type; the page size is the server's. */
    /** {@code path?page=N} (from 1) answers the JSON strings "1" to "6", two per page, then empty pages. */
    private void serveSixRecordsInPagesOfTwo(String path) {
        server.on(path, (exchange, request) -> {
            int page = Integer.parseInt(param(request, "page"));
            List<String> ids = List.of("\"1\"", "\"2\"", "\"3\"", "\"4\"", "\"5\"", "\"6\"");
            int from = Math.min((page - 1) * 2, ids.size());
            respond(exchange, 200, "[" + String.join(",", ids.subList(from, Math.min(from + 2, ids.size()))) + "]");
        });
    }

    private String[] sevenRecordsApi(String type) {
        List<String> all = List.of("\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"e\"", "\"f\"", "\"g\"");
        String path = "/" + type;
        server.on(path, (exchange, request) -> {
            int from;
            switch (type) {
                case "page-number":
                    from = (Integer.parseInt(param(request, "page")) - 1) * 3;
                    break;
                case "offset-limit":
                    from = Integer.parseInt(param(request, "offset"));
                    break;
                default:
                    from = param(request, "at") == null ? 0 : Integer.parseInt(param(request, "at"));
            }
            from = Math.min(from, all.size());
            int to = Math.min(from + 3, all.size());
            String records = "[" + String.join(",", all.subList(from, to)) + "]";
            String next = to < all.size() ? server.url(path + "?at=" + to) : null;
            if (type.equals("cursor") || type.equals("next-url")) {
                String token = type.equals("cursor") ? (next == null ? null : String.valueOf(to)) : next;
                respond(exchange, 200, "{\"records\":" + records + ",\"next\":"
                        + (token == null ? "null" : "\"" + token + "\"") + "}");
            } else if (type.equals("link-header") && next != null) {
                respond(exchange, 200, records, Map.of("Link", "<" + next + ">; rel=\"next\""));
            } else {
                respond(exchange, 200, records);
            }
        });
        boolean wrapped = type.equals("cursor") || type.equals("next-url");
        return new String[] {"http.url", server.url(path), "http.pagination.type", type,
            "http.records.pointer", wrapped ? "/records" : "",
            "http.pagination.cursor.pointer", type.equals("cursor") ? "/next" : "",
            "http.pagination.cursor.param", "at",
            "http.pagination.next.url.pointer", type.equals("next-url") ? "/next" : "",
            "http.pagination.limit", "3"};
    }

    private static List<String> valuesAndOffsets(List<SourceRecord> records) {
        return records.stream().map(r -> r.value() + " " + new java.util.TreeMap<>(r.sourceOffset()))
                .collect(Collectors.toList());
    }

    @Test
    void withPrefetchOrReadAheadEveryPaginationDeliversTheSameRecordsWithTheSameOffsetsAsWithout() throws Exception {
        List<String[]> modes = List.of(new String[] {"false", "false"}, new String[] {"true", "false"},
                new String[] {"true", "true"}, new String[] {"false", "true"}); // {prefetch, read-ahead}
        for (String type : List.of("page-number", "offset-limit", "cursor", "next-url", "link-header")) {
            String[] api = sevenRecordsApi(type);
            List<List<String>> runs = new ArrayList<>();
            for (String[] mode : modes) {
                String[] settings = java.util.Arrays.copyOf(api, api.length + 6);
                settings[api.length] = "http.pagination.prefetch.enabled";
                settings[api.length + 1] = mode[0];
                settings[api.length + 2] = "read.ahead.enabled";
                settings[api.length + 3] = mode[1];
                settings[api.length + 4] = "batch.max.records";
                settings[api.length + 5] = "4";
                HttpSourceTask task = start(settings);
                List<SourceRecord> records = pollFor(task, 7);
                task.stop();
                runs.add(valuesAndOffsets(records));
            }
            assertThat(runs.get(0)).as(type).hasSize(7);
            assertThat(runs.get(0).get(0)).as(type).startsWith("a ");
            assertThat(runs.get(0).get(6)).as(type).startsWith("g ");
            for (int i = 1; i < modes.size(); i++) {
                assertThat(runs.get(i)).as(type + " with prefetch " + modes.get(i)[0] + ", read-ahead "
                        + modes.get(i)[1]).isEqualTo(runs.get(0));
            }
        }
    }

    @Test
    void aStoppedTaskDropsItsReadAheadBatchAndTheNextTaskFetchesItAgain() throws Exception {
        serveSixRecordsInPagesOfTwo("/log");
        String[] config = {"name", "http-read-ahead", "http.url", server.url("/log"), "http.pagination.type",
            "page-number", "batch.max.records", "2"};
        HttpSourceTask first = start(config);
        List<SourceRecord> firstBatch = pollFor(first, 1);
        assertThat(values(firstBatch)).containsExactly("1", "2");
        javax.management.ObjectName metrics = io.github.schemafirst.connect.core.TaskMetrics.objectName(
                "http-read-ahead", "0");
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((Long) jmx.getAttribute(metrics, "records-read") < 4 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // "3" and "4" read ahead, not handed over
        }
        assertThat((Long) jmx.getAttribute(metrics, "records-read")).isGreaterThanOrEqualTo(4L);
        commit(firstBatch);
        first.stop();

        HttpSourceTask second = start(config);
        assertThat(values(pollFor(second, 4))).containsExactly("3", "4", "5", "6");
    }

    @Test
    void stoppingCancelsThePrefetchedRequestAndNothingMoreIsSent() throws Exception {
        java.util.concurrent.CountDownLatch requested = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.on("/log", (exchange, request) -> {
            int page = Integer.parseInt(param(request, "page"));
            if (page == 2) {
                requested.countDown();
                try {
                    release.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            respond(exchange, 200, page <= 3 ? "[\"" + page + "\"]" : "[]");
        });
        HttpSourceTask task = start("http.url", server.url("/log"), "http.pagination.type", "page-number");
        assertThat(values(task.poll())).containsExactly("1"); // holding a record, the poll did not wait for page 2
        assertThat(requested.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("page 2 prefetched").isTrue();

        task.stop();
        assertThat(task.poll()).isNull();
        release.countDown();
        assertThat(server.requests("/log")).extracting(r -> param(r, "page")).containsExactly("1", "2");
    }

    @Test
    void aStoppedTaskFetchesNoFurtherPages() throws Exception {
        server.on("/names", (exchange, request) -> respond(exchange, 200, "[\"a\"]"));
        HttpSourceTask task = start("http.url", server.url("/names"));
        task.stop();
        assertThat(task.poll()).isNull();
        assertThat(server.requests("/names")).isEmpty();
    }

    @Test
    void resumesFromCommittedOffsetsAfterARestart() throws Exception {
        serveSixRecordsInPagesOfTwo("/log");
        String[] config = {"http.url", server.url("/log"), "http.pagination.type", "page-number"};
        HttpSourceTask first = start(config);
        List<SourceRecord> firstRecords = pollFor(first, 3);
        assertThat(values(firstRecords)).startsWith("1", "2", "3");
        commit(firstRecords.subList(0, 3)); // the worker committed up to "3" (mid page 2) when the task died
        first.stop();
        int requestsBefore = server.requests("/log").size();

        HttpSourceTask second = start(config);
        List<SourceRecord> resumed = pollFor(second, 3);
        assertThat(values(resumed)).containsExactly("4", "5", "6");
        // it re-requested page 2 (the page of the last committed record), not page 1. (The first task's prefetch of
        // page 3, sent before its stop, may reach the server after requestsBefore was read: so no exact sequence.)
        assertThat(server.requests("/log").subList(requestsBefore, server.requests("/log").size()))
                .extracting(r -> param(r, "page")).contains("2", "3").doesNotContain("1");
        commit(resumed);
        assertThat(committed.get(Map.of("endpoint", server.url("/log"))))
                .isEqualTo(Map.of("cycle.page", "3", "cycle.skip", 2L));
    }

    @Test
    void spreadsEndpointsOverTasksAndPollsOnlyItsOwn() throws Exception {
        for (String region : List.of("eu", "us", "ap")) {
            server.on("/" + region, (exchange, request) -> respond(exchange, 200, "[\"" + region + "\"]"));
        }
        HttpSourceConnector connector = new HttpSourceConnector();
        Map<String, String> props = new HashMap<>(Map.of("topic", "events", "http.url", server.url("/{{value}}"),
                "http.url.values", "eu,us,ap", "http.poll.interval.ms", "3600000"));
        connector.start(props);
        List<Map<String, String>> taskConfigs = connector.taskConfigs(2);
        assertThat(taskConfigs).hasSize(2);

        HttpSourceTask task = start(taskConfigs.get(0).entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
        List<SourceRecord> records = pollFor(task, 2);
        assertThat(values(records)).containsExactlyInAnyOrder("eu", "ap");
        assertThat(server.requests("/us")).isEmpty();
    }

    @Test
    void aGarbageBodyFailsTheTaskUnderTheDefaultPolicy() {
        server.on("/names", (exchange, request) -> respond(exchange, 200, "not json at all"));
        HttpSourceTask task = start("http.url", server.url("/names"));
        assertThatThrownBy(() -> pollFor(task, 1)).isInstanceOf(InvalidRecordFailure.class)
                .hasMessageContaining(server.url("/names") + "#-1 /: expected a JSON body, got invalid JSON");
    }

    @Test
    void aGarbageBodyGoesToTheDeadLetterTopicWithItsBytes() throws Exception {
        server.on("/names", (exchange, request) -> respond(exchange, 200, "<html>oops</html>"));
        HttpSourceTask task = start("http.url", server.url("/names"), "invalid.record.policy", "dead-letter",
                "invalid.record.topic", "events-dlq");
        List<SourceRecord> records = pollFor(task, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).topic()).isEqualTo("events-dlq");
        assertThat(records.get(0).value()).isEqualTo("<html>oops</html>");
        assertThat(records.get(0).headers().lastWithName(RecordPipeline.HEADER_POSITION).value())
                .isEqualTo(server.url("/names") + "#-1");
    }

    @Test
    void recordsThatDoNotMapAreSkippedUnderSkip() throws Exception {
        server.on("/names", (exchange, request) -> respond(exchange, 200, "[\"ada\", {\"name\":\"bob\"}, \"cy\"]"));
        HttpSourceTask task = start("http.url", server.url("/names"), "invalid.record.policy", "skip");
        assertThat(values(pollFor(task, 2))).containsExactly("ada", "cy");
    }

    @Test
    void metricsCountRequestsRetriesSkipsAndTheTimestampCursorsAge() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/events", (exchange, request) -> {
            if (calls.incrementAndGet() == 1) {
                respond(exchange, 503, "busy");
            } else {
                respond(exchange, 200, "[\"a\", {\"ts\": \"2020-01-01T00:00:00Z\"}, {\"ts\": \"2020-01-02T00:00:00Z\"}]");
            }
        });
        HttpSourceTask task = start("name", "http-metrics", "http.url", server.url("/events"),
                "http.incremental.field", "ts", "invalid.record.policy", "skip",
                "http.retry.backoff.initial.ms", "1", "http.retry.backoff.max.ms", "5");
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name = io.github.schemafirst.connect.core.TaskMetrics.objectName("http-metrics",
                "0");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SourceRecord> records = new ArrayList<>();
        while ((Long) jmx.getAttribute(name, "last-successful-cycle-time-ms") == 0 && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        assertThat(records).hasSize(1);
        task.commitRecord(records.get(0), null);
        assertThat(jmx.getAttribute(name, "requests-5xx")).isEqualTo(1L);
        assertThat(jmx.getAttribute(name, "requests-2xx")).isEqualTo(1L);
        assertThat(jmx.getAttribute(name, "request-retries")).isEqualTo(1L);
        assertThat((Long) jmx.getAttribute(name, "request-latency-max-ms")).isGreaterThanOrEqualTo(
                (Long) jmx.getAttribute(name, "request-latency-avg-ms"));
        assertThat(jmx.getAttribute(name, "records-read")).isEqualTo(3L);
        assertThat(jmx.getAttribute(name, "records-written")).isEqualTo(1L);
        assertThat(jmx.getAttribute(name, "invalid-records-skipped")).isEqualTo(2L);
        long age = (Long) jmx.getAttribute(name, "incremental-age-ms");
        assertThat(age).isBetween(System.currentTimeMillis() - Instant.parse("2020-01-02T00:00:00Z").toEpochMilli()
                - 60_000, System.currentTimeMillis() - Instant.parse("2020-01-02T00:00:00Z").toEpochMilli() + 1);
        task.stop();
        assertThat(jmx.isRegistered(name)).isFalse();
    }

    @Test
    void tasksAreNumberedForTheirMetrics() {
        HttpSourceConnector connector = new HttpSourceConnector();
        connector.start(Map.of("topic", "events", "http.urls", server.url("/a") + "," + server.url("/b")));
        assertThat(connector.taskConfigs(2)).extracting(c -> c.get("task.index")).containsExactly("0", "1");
    }

    @Test
    void exhaustedRetriesFailTheTaskWithAClearMessage() {
        AtomicInteger calls = new AtomicInteger();
        server.on("/names", (exchange, request) -> {
            calls.incrementAndGet();
            respond(exchange, 503, "down");
        });
        HttpSourceTask task = start("http.url", server.url("/names"), "http.retry.max.attempts", "2",
                "http.retry.backoff.initial.ms", "1", "http.retry.backoff.max.ms", "5");
        assertThatThrownBy(() -> pollFor(task, 1))
                .hasMessageContaining("GET " + server.url("/names") + " failed after 2 attempt(s)")
                .hasMessageContaining("HTTP 503: down");
        assertThat(calls).hasValue(2);
    }

    @Test
    void stopCutsARetryAfterWaitShort() throws Exception {
        server.on("/names", (exchange, request) -> respond(exchange, 429, "", Map.of("Retry-After", "3600")));
        HttpSourceTask task = start("http.url", server.url("/names"));
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.requests("/names").isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            task.stop();
        });
        stopper.start();
        Instant before = Instant.now();
        assertThat(task.poll()).isNull();
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(30));
        stopper.join();
    }

    /** Polls as the runtime does, on this thread, until {@code done} holds; asserts each poll's duration. */
    private static List<Duration> pollUntil(HttpSourceTask task, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        List<Duration> durations = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            long started = System.nanoTime();
            task.poll();
            durations.add(Duration.ofNanos(System.nanoTime() - started));
        }
        assertThat(done.getAsBoolean()).as("condition reached within 20 s").isTrue();
        return durations;
    }

    @Test
    void pollReturnsWithinAboutASecondWhileRetryingForeverAndStopEndsTheRequests() throws Exception {
        server.on("/names", (exchange, request) -> respond(exchange, 503, "down", Map.of("Retry-After", "3600")));
        server.on("/marker", (exchange, request) -> respond(exchange, 200, "[]"));
        HttpSourceTask task = start("http.url", server.url("/names"), "http.retry.max.attempts", "-1",
                "http.retry.backoff.initial.ms", "100", "http.retry.backoff.max.ms", "600");
        // Retry-After: 3600 is capped at the backoff maximum (600 ms): several attempts within a few seconds
        List<Duration> durations = pollUntil(task, () -> server.requests("/names").size() >= 4);
        assertThat(durations).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(1500)));

        task.stop(); // as the runtime does: on the polling thread, after poll() returned
        int sent = server.requests("/names").size();
        assertThat(task.poll()).isNull();
        // a marker request on another path proves time passed: a retry would have been due long before
        HttpSourceTask marker = start("http.url", server.url("/marker"), "http.poll.interval.ms", "100");
        pollUntil(marker, () -> server.requests("/marker").size() >= 10);
        assertThat(server.requests("/names")).as("requests after stop()").hasSize(sent);
    }

    @Test
    void pollReturnsWhileAResponseIsSlowAndStopCancelsIt() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.on("/slow", (exchange, request) -> {
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "[\"late\"]");
        });
        HttpSourceTask task = start("http.url", server.url("/slow"), "http.read.timeout.ms", "30000");
        try {
            List<Duration> durations = pollUntil(task, new java.util.function.BooleanSupplier() {
                int polls;

                @Override
                public boolean getAsBoolean() {
                    return polls++ >= 3;
                }
            });
            assertThat(durations).hasSize(3).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(1500)));
            assertThat(server.requests("/slow")).as("one request, still under way").hasSize(1);
            long started = System.nanoTime();
            task.stop();
            assertThat(task.poll()).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        } finally {
            release.countDown();
        }
    }

    private final class FakeContext implements SourceTaskContext {
        private final Map<String, String> configs;

        FakeContext(Map<String, String> configs) {
            this.configs = configs;
        }

        @Override
        public Map<String, String> configs() {
            return configs;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return committed.get(partition);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                    for (Map<String, T> partition : partitions) {
                        result.put(partition, committed.get(partition));
                    }
                    return result;
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
