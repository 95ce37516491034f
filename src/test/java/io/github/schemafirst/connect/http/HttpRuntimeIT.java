package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.WorkerProcess;
import io.github.schemafirst.connect.it.WorkerProcessITBase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP connector's runtime behaviour seen through a real distributed worker in a process of its own (the
 * connector loaded from the Confluent Hub archive), against APIs on a loopback server in this JVM:
 * <ul>
 *   <li>a deleted connector whose API answers 503 forever, with unlimited retries and {@code Retry-After: 3600},
 *       stops: the runtime logs {@code Graceful stop of task <id> succeeded.} (the stop happens only once
 *       {@code poll()} returns) and no request reaches the API afterwards;</li>
 *   <li>a stored cursor that the API no longer accepts after a restart (HTTP 410) restarts the cycle with a WARN
 *       instead of failing the task;</li>
 *   <li>a response far larger than {@code http.response.max.bytes} is dead-lettered without reading it, in a
 *       worker whose heap is smaller than the response;</li>
 *   <li>a page that keeps failing with {@code http.poll.interval.ms=0} is asked for again after a growing backoff,
 *       never in a tight loop.</li>
 * </ul>
 * Where time must pass, a marker connector polling another path every 200 ms is the clock: the test waits for its
 * requests, never sleeps.
 */
class HttpRuntimeIT extends WorkerProcessITBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private WorkerProcess worker;

    @BeforeAll
    void startSharedWorker() {
        worker = worker().groupId("http-runtime-" + System.nanoTime())
                // smaller than the response of the body-limit test: reading it whole would end the worker
                .maxHeap("256m")
                // the runtime's default, spelled out: the bound a stopping task is held to
                .workerProp("task.shutdown.graceful.timeout.ms", "5000")
                // the runtime's verdict on a task stop that succeeded is logged at debug
                .logLevel("org.apache.kafka.connect.runtime.Worker", "debug")
                .start();
        System.out.printf("[it-stack] %s started in %d ms%n", worker, worker.startupTime().toMillis());
    }

    @AfterAll
    void stopSharedWorkerAndServer() {
        if (worker != null) {
            worker.close();
        }
        server.close();
    }

    /** A one-task HTTP source with schemaless JSON values and the item schema. */
    private Map<String, String> connector(String topic, String url) {
        Map<String, String> config = new HashMap<>(ConverterConfigs.schemalessJson());
        config.put("connector.class", HttpSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("value.schema", ItemRecords.SCHEMA);
        config.put("http.url", url);
        config.put("http.records.pointer", "/items");
        return config;
    }

    /** A connector polling an empty list every 200 ms: its requests tell the test that time has passed. */
    private String startMarker(String name) {
        String path = "/" + name;
        server.on(path, (exchange, request) -> respond(exchange, 200, "{\"items\":[]}"));
        Map<String, String> config = connector(name + "-" + System.nanoTime(), server.url(path));
        config.put("http.poll.interval.ms", "200");
        worker.rest().configureConnector(name, config);
        worker.rest().awaitRunning(name, 1, TIMEOUT);
        return path;
    }

    /** Waits until {@code count} more requests than now have reached {@code path}. */
    private void awaitMoreRequests(String path, int count) {
        int target = server.requests(path).size() + count;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (server.requests(path).size() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server.requests(path).size() + " of " + target + " requests to " + path
                        + " within " + TIMEOUT);
            }
            if (!worker.isAlive()) {
                throw new AssertionError(worker + " died:\n" + worker.logTail(40));
            }
            pause(Duration.ofMillis(50));
        }
    }

    private void awaitGone(String name) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (worker.rest().status(name).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " still known to the worker " + TIMEOUT + " after DELETE");
            }
            pause(Duration.ofMillis(100));
        }
    }

    private List<String> logLinesContaining(String fragment) {
        return worker.logLines().stream().filter(line -> line.contains(fragment)).collect(Collectors.toList());
    }

    @Test
    void aDeletedConnectorRetrying503ForeverStopsPromptlyAndSendsNothingMore() {
        String name = "down-forever";
        String path = "/" + name;
        // Retry-After: 3600 is capped at http.retry.after.max.ms (default: the backoff maximum, 500 ms here)
        server.on(path, (exchange, request) -> respond(exchange, 503, "{\"error\":\"maintenance\"}",
                Map.of("Retry-After", "3600")));
        Map<String, String> config = connector(name, server.url(path));
        config.put("http.retry.max.attempts", "-1");
        config.put("http.retry.backoff.initial.ms", "100");
        config.put("http.retry.backoff.max.ms", "500");
        worker.rest().configureConnector(name, config);
        worker.rest().awaitRunning(name, 1, TIMEOUT);
        awaitMoreRequests(path, 5);

        worker.rest().deleteConnector(name);
        awaitGone(name);
        String task = name + "-0";
        // one of the runtime's two verdicts follows the stop within the graceful timeout: wait for either
        String verdict = worker.awaitLogLine("Graceful stop of task " + task + " ", TIMEOUT);
        System.out.printf("[http-runtime] %s%n", verdict);
        assertThat(logLinesContaining("Graceful stop of task " + task + " failed."))
                .as("the runtime gave up on the task after task.shutdown.graceful.timeout.ms").isEmpty();
        assertThat(verdict).endsWith("Graceful stop of task " + task + " succeeded.");

        int sent = server.requests(path).size();
        // ten marker polls (~2 s) is four times the longest wait between two retries
        String marker = startMarker("marker-after-delete");
        awaitMoreRequests(marker, 10);
        assertThat(server.requests(path)).as("requests after the task stopped").hasSize(sent);
        worker.rest().deleteConnector("marker-after-delete");
    }

    @Test
    void aCursorTheApiNoLongerAcceptsAfterARestartRestartsTheCycleWithAWarning() {
        String name = "expiring-cursor";
        String path = "/" + name;
        AtomicInteger generation = new AtomicInteger(1);
        AtomicBoolean thirdPageDown = new AtomicBoolean(true);
        // ids 1..25 with id > since, pages of 10; cursors "g<generation>-<offset>" die with their generation
        server.on(path, (exchange, request) -> {
            String cursor = param(request, "cursor");
            long since = Long.parseLong(param(request, "since"));
            int from = 0;
            if (cursor != null) {
                String[] parts = cursor.substring(1).split("-");
                if (Integer.parseInt(parts[0]) != generation.get()) {
                    respond(exchange, 410, "{\"error\":\"cursor expired\"}");
                    return;
                }
                from = Integer.parseInt(parts[1]);
                if (from >= 20 && thirdPageDown.get()) {
                    respond(exchange, 503, "{\"error\":\"maintenance\"}");
                    return;
                }
            }
            List<Long> newer = new ArrayList<>();
            for (long id = since + 1; id <= 25; id++) {
                newer.add(id);
            }
            int to = Math.min(from + 10, newer.size());
            String items = newer.subList(Math.min(from, to), to).stream()
                    .map(id -> "{\"id\":" + id + ",\"name\":\"item-" + id + "\"}").collect(Collectors.joining(","));
            String next = to < newer.size() ? "\"g" + generation.get() + "-" + to + "\"" : "null";
            respond(exchange, 200, "{\"items\":[" + items + "],\"next\":" + next + "}");
        });
        String topic = name + "-" + System.nanoTime();
        Map<String, String> config = connector(topic, server.url(path + "?since={{incremental}}"));
        config.put("http.pagination.type", "cursor");
        config.put("http.pagination.cursor.pointer", "/next");
        config.put("http.incremental.field", "id");
        config.put("http.incremental.initial", "0");
        config.put("http.poll.interval.ms", "600000");
        config.put("http.retry.max.attempts", "-1");
        config.put("http.retry.backoff.initial.ms", "100");
        config.put("http.retry.backoff.max.ms", "500");
        worker.rest().configureConnector(name, config);
        worker.rest().awaitRunning(name, 1, TIMEOUT);

        // pages 1 and 2 delivered and committed; page 3 answers 503 and is retried
        awaitEndOffset(topic, 20, false, TIMEOUT, worker);
        JsonNode committed = awaitCommitted(name, offset -> "g1-10".equals(offset.path("cycle.page").asText())
                && offset.path("cycle.skip").asLong() == 10);
        assertThat(committed.path("incremental").asText()).isEqualTo("0");

        // the API forgets its cursors (a deploy, an expiry) while the connector restarts
        generation.set(2);
        thirdPageDown.set(false);
        int before = server.requests(path).size();
        worker.rest().restartConnector(name);

        String warning = worker.awaitLogLine("no longer accepts the page token 'g1-10'", TIMEOUT);
        System.out.printf("[http-runtime] %s%n", warning);
        assertThat(warning).contains("WARN").contains("HTTP 410")
                .contains("restarting the cycle from incremental value '0'");
        awaitEndOffset(topic, 45, false, TIMEOUT, worker);
        worker.rest().awaitRunning(name, 1, TIMEOUT);
        List<LoopbackHttpServer.RecordedRequest> after = server.requests(path);
        List<String> queries = after.subList(before, after.size()).stream().map(r -> r.query)
                .filter(query -> !query.contains("g1-20")).collect(Collectors.toList());
        assertThat(queries).as("the stored cursor, then the cycle again from the stored value")
                .startsWith("since=0&cursor=g1-10", "since=0", "since=0&cursor=g2-10", "since=0&cursor=g2-20");
        List<Long> ids = ItemRecords.jsonIds(readAll(topic, false));
        List<Long> expected = new ArrayList<>(ItemRecords.range(1, 20));
        expected.addAll(ItemRecords.range(1, 25));
        assertThat(ids).as("the interrupted cycle's records once more, then everything").isEqualTo(expected);
        awaitCommitted(name, offset -> "25".equals(offset.path("incremental").asText())
                && offset.path("cycle.page").isMissingNode());
        worker.rest().deleteConnector(name);
    }

    /** Polls the connector's committed offset (one partition) until {@code condition} holds; returns it. */
    private JsonNode awaitCommitted(String name, java.util.function.Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode entry : worker.rest().offsets(name).path("offsets")) {
                last = entry.path("offset");
                if (condition.test(last)) {
                    return last;
                }
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError(name + ": committed offset " + last + " did not reach the expected state within "
                + TIMEOUT);
    }

    @Test
    void aResponseFarOverTheBodyLimitIsDeadLetteredWithoutReadingIt() {
        String name = "huge-body";
        String path = "/" + name;
        long hugeBytes = 512L << 20; // twice the worker's heap
        AtomicLong written = new AtomicLong();
        AtomicBoolean first = new AtomicBoolean(true);
        server.on(path, (exchange, request) -> {
            long since = Long.parseLong(param(request, "since"));
            if (!first.getAndSet(false)) {
                String items = ItemRecords.range(since + 1, 5).stream()
                        .map(id -> "{\"id\":" + id + ",\"name\":\"item-" + id + "\"}")
                        .collect(Collectors.joining(","));
                respond(exchange, 200, "{\"items\":[" + items + "]}");
                return;
            }
            // a valid JSON array of 512 MiB, streamed without a length: only the client can cut it short
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "{\"id\":1,\"name\":\"item-1\"},".repeat(2048).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
                while (written.get() < hugeBytes) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
                out.write("{\"id\":1,\"name\":\"item-1\"}]}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException cutOff) {
                // the connector stopped reading: expected
            }
            exchange.close();
        });
        String topic = name + "-" + System.nanoTime();
        String deadLetters = topic + "-dlq";
        Map<String, String> config = connector(topic, server.url(path + "?since={{incremental}}"));
        config.put("http.incremental.field", "id");
        config.put("http.incremental.initial", "0");
        config.put("http.poll.interval.ms", "1000");
        config.put("http.response.max.bytes", Integer.toString(8 << 20));
        config.put("invalid.record.policy", "dead-letter");
        config.put("invalid.record.topic", deadLetters);
        worker.rest().configureConnector(name, config);
        worker.rest().awaitRunning(name, 1, TIMEOUT);

        awaitEndOffset(deadLetters, 1, false, TIMEOUT, worker);
        awaitEndOffset(topic, 5, false, TIMEOUT, worker);
        assertThat(worker.isAlive()).isTrue();
        worker.rest().awaitRunning(name, 1, TIMEOUT);
        assertThat(ItemRecords.jsonIds(readAll(topic, false))).containsExactlyElementsOf(ItemRecords.range(1, 5));
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(deadLetters, false);
        assertThat(dead).hasSize(1);
        Header error = dead.get(0).headers().lastHeader(RecordPipeline.HEADER_ERROR);
        assertThat(new String(error.value(), StandardCharsets.UTF_8))
                .contains("response body over http.response.max.bytes=8388608 bytes");
        assertThat(written.get()).as("bytes the server got out before the connector cut it off")
                .isLessThan(64L << 20);
        worker.rest().deleteConnector(name);
    }

    @Test
    void aPageThatKeepsFailingWithoutPollIntervalIsNeverAskedForInATightLoop() {
        String name = "always-html";
        String path = "/" + name;
        server.on(path, (exchange, request) -> respond(exchange, 200, "<html>502 Bad Gateway</html>",
                Map.of("Content-Type", "text/html")));
        Map<String, String> config = connector(name + "-" + System.nanoTime(), server.url(path));
        config.put("http.poll.interval.ms", "0");
        config.put("http.retry.backoff.initial.ms", "100");
        config.put("http.retry.backoff.max.ms", "1000");
        config.put("invalid.record.policy", "skip");
        worker.rest().configureConnector(name, config);
        worker.rest().awaitRunning(name, 1, TIMEOUT);
        awaitMoreRequests(path, 3);

        String marker = startMarker("marker-hot-loop");
        int before = server.requests(path).size();
        long started = System.nanoTime();
        awaitMoreRequests(marker, 25); // ~5 s
        int failing = server.requests(path).size() - before;
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[http-runtime] %d requests for the failing page in %.1f s%n", failing, seconds);
        // the backoff reaches its maximum (0.5-1 s between requests) within a second or two
        assertThat(failing).as("requests for the failing page in %.1f s", seconds)
                .isGreaterThan(0).isLessThanOrEqualTo((int) (4 * seconds) + 6);
        worker.rest().awaitRunning(name, 1, TIMEOUT);
        worker.rest().deleteConnector(name);
        worker.rest().deleteConnector("marker-hot-loop");
    }
}
