package io.github.schemafirst.connect.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file larger than the worker's heap: 1 GiB of JSON Lines {@code User} records, read by a worker process capped at
 * {@code -Xmx256m} (which exits on OutOfMemoryError), validated against {@code user.avsc} and written with
 * schemaless JsonConverter. Proves the file is streamed, not loaded, and prints the throughput.
 *
 * <p>The topic keeps only its newest ~64 MB (small segments, retention by size) so the test's disk use stays
 * bounded; end offsets still count every record written.
 */
class LargeFileIT extends WorkerProcessITBase {

    private static final String CONNECTOR = "io.github.schemafirst.connect.file.FileSourceConnector";
    /** 1 GiB; {@code -Dit.large.file.bytes=...} (failsafe's JVM) scales it for a quick local run. */
    private static final long FILE_BYTES = Long.getLong("it.large.file.bytes", 1L << 30);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Override
    protected void configureBroker(Properties brokerProps) {
        // Delete segments beyond retention.bytes within seconds, not the default 5 minutes.
        brokerProps.put("log.retention.check.interval.ms", "2000");
    }

    @AfterEach
    void deleteInput() throws IOException {
        // 1 GiB: do not wait for JUnit's temp-dir cleanup order.
        Files.deleteIfExists(dir.resolve("in").resolve("users.jsonl"));
    }

    @Test
    void streamsAGigabyteFileThroughA256MegabyteWorker() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));
        Path file = input.resolve("users.jsonl");
        long writeStarted = System.nanoTime();
        long records = UserFiles.writeAtLeast(file, FILE_BYTES);
        long bytes = Files.size(file);
        System.out.printf("[large-file] wrote %,d records, %,d bytes in %d ms%n", records, bytes,
                Duration.ofNanos(System.nanoTime() - writeStarted).toMillis());

        String group = "large-" + System.nanoTime();
        String topic = group + "-users";
        createTopic(topic, Map.of(
                "segment.bytes", Integer.toString(16 << 20),
                "retention.bytes", Integer.toString(64 << 20),
                "file.delete.delay.ms", "1000"));
        WorkerProcess worker = startWorker(worker().groupId(group).maxHeap("256m"));

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("file.path", input.toString());
        config.put("file.pattern", "*.jsonl");
        config.put("file.format", "jsonl");
        config.put("value.schema.file", userAvsc().toString());
        config.put("batch.max.records", "5000");
        config.put("producer.override.batch.size", "262144");
        config.put("producer.override.linger.ms", "20");
        config.putAll(ConverterConfigs.schemalessJson());

        long started = System.nanoTime();
        worker.rest().configureConnector("large", config);
        long end = awaitEndOffset(topic, records, false, TIMEOUT, worker);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        double seconds = elapsed.toNanos() / 1e9;
        System.out.printf("[large-file] %,d records (%,d MB) in %.1f s: %,.0f records/s, %.1f MB/s (worker -Xmx256m,"
                        + " JsonConverter, batch.max.records=5000, batch.size=262144, linger.ms=20)%n",
                records, bytes >> 20, seconds, records / seconds, (bytes >> 20) / seconds);
        assertThat(end).as("end offset").isEqualTo(records);
        assertThat(worker.isAlive()).as("worker process alive (it exits on OutOfMemoryError)").isTrue();
        assertThat(worker.rest().status("large")).hasValueSatisfying(status -> assertThat(status.tasks())
                .allSatisfy(task -> assertThat(task.state()).as(ConnectRestClient.describe(status))
                        .isEqualTo("RUNNING")));
    }
}
