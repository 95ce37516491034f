package io.github.schemafirst.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL of the worker process in the middle of a file, then a replacement worker of the same Connect group:
 * with the default at-least-once delivery no record is lost and the duplicates are bounded by what was written
 * since the last offset commit; with {@code exactly.once.source.support=enabled} a read-committed consumer sees
 * every record exactly once.
 *
 * <p>The task's producer is throttled by a broker quota while the first worker runs, so the kill reliably lands
 * mid-file on a machine of any speed; the quota is lifted for the replacement.
 */
class WorkerKillIT extends WorkerProcessITBase {

    private static final String CONNECTOR = "io.github.schemafirst.connect.file.FileSourceConnector";
    private static final int USERS = 200_000;
    private static final long KILL_AT = USERS / 5;
    /** ~18 MB of JSON values: ~9 s for the whole file at this rate, so the kill at 20% leaves a wide margin. */
    private static final double THROTTLED_BYTES_PER_SECOND = 2_000_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Override
    protected void configureBroker(Properties brokerProps) {
        // Look for timed-out transactions every second rather than every 10 s.
        brokerProps.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    }

    @Test
    void atLeastOnceLosesNothingAndDuplicatesOnlyWhatWasNotCommitted() throws IOException {
        Outcome outcome = killMidFileAndResume("alo", false);

        Map<String, Integer> copies = outcome.copiesByName();
        int duplicates = outcome.records().size() - USERS;
        System.out.printf("[worker-kill] at-least-once: killed at end offset %d of %d (%d committed by then);"
                        + " %d records after recovery, %d duplicates; replacement caught up in %d ms%n",
                outcome.endAtKill(), USERS, outcome.committedAtKill(), outcome.records().size(), duplicates,
                outcome.recovery().toMillis());
        assertThat(copies).as("distinct users").hasSize(USERS);
        for (long n = 1; n <= USERS; n++) {
            assertThat(copies).containsKey(UserFiles.name(n));
        }
        assertThat(copies.values()).as("copies of each user after one kill").allMatch(c -> c <= 2);
        // Re-read after the kill: at most what had been produced but not committed when the worker died.
        assertThat(duplicates).isBetween(0, (int) (outcome.endAtKill() - outcome.committedAtKill()));
        assertThat(duplicates).isLessThan(USERS / 2);
    }

    @Test
    void exactlyOnceDeliversEveryRecordOnceToReadCommittedConsumers() throws IOException {
        Outcome outcome = killMidFileAndResume("eos", true);

        List<ConsumerRecord<byte[], byte[]>> uncommitted = readAll(outcome.topic(), false);
        System.out.printf("[worker-kill] exactly-once: killed at end offset %d of %d (%d committed by then);"
                        + " %d records read committed, %d in the log incl. aborted; replacement caught up in %d ms%n",
                outcome.endAtKill(), USERS, outcome.committedAtKill(), outcome.records().size(), uncommitted.size(),
                outcome.recovery().toMillis());
        Map<String, Integer> copies = outcome.copiesByName();
        assertThat(outcome.records()).hasSize(USERS);
        assertThat(copies).hasSize(USERS);
        assertThat(copies.values()).allMatch(c -> c == 1);
        for (int i = 0; i < USERS; i++) {
            assertThat(name(outcome.records().get(i))).isEqualTo(UserFiles.name(i + 1L));
        }
    }

    private Outcome killMidFileAndResume(String label, boolean exactlyOnce) throws IOException {
        String group = "kill-" + label + "-" + System.nanoTime();
        String topic = group + "-users";
        String connector = "users-" + label;
        Path input = Files.createDirectories(dir.resolve(label));
        Path file = input.resolve("users.jsonl");
        UserFiles.write(file, USERS);
        long fileSize = Files.size(file);

        throttle(connector, THROTTLED_BYTES_PER_SECOND);
        WorkerProcess first = startWorker(workerOf(group, exactlyOnce));
        first.rest().configureConnector(connector, connectorConfig(topic, input, exactlyOnce));
        first.rest().awaitRunning(connector, 1, TIMEOUT);
        awaitEndOffset(topic, KILL_AT, false, TIMEOUT, first);
        // A lower bound: the worker may commit once more before the kill lands.
        long committedAtKill = committedOffset(first, connector, "index");

        int exitCode = first.kill();
        long endAtKill = endOffset(topic, false);
        assertThat(exitCode).as("exit code of the killed worker (SIGKILL)").isEqualTo(137);
        assertThat(endAtKill).as("records written when the worker was killed").isBetween(KILL_AT, USERS - 1L);

        throttle(connector, null);
        long started = System.nanoTime();
        WorkerProcess second = startWorker(workerOf(group, exactlyOnce));
        second.rest().awaitRunning(connector, 1, TIMEOUT);
        awaitCommittedPosition(second, connector, fileSize);
        Duration recovery = Duration.ofNanos(System.nanoTime() - started);
        return new Outcome(topic, endAtKill, committedAtKill, recovery, readAll(topic, exactlyOnce));
    }

    private WorkerProcess.Builder workerOf(String group, boolean exactlyOnce) {
        WorkerProcess.Builder builder = worker().groupId(group).maxHeap("256m");
        return exactlyOnce ? builder.exactlyOnce() : builder;
    }

    private Map<String, String> connectorConfig(String topic, Path input, boolean exactlyOnce) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("file.path", input.toString());
        config.put("file.pattern", "*.jsonl");
        config.put("file.format", "jsonl");
        config.put("value.schema.file", userAvsc().toString());
        config.putAll(ConverterConfigs.schemalessJson());
        if (exactlyOnce) {
            // Fail at start rather than run without transactions.
            config.put("exactly.once.support", "required");
            // The killed task leaves its transaction open, and a replacement worker reads the offsets topic
            // read_committed: it waits until the coordinator aborts that transaction after its timeout (60 s by
            // default, measured: the catch-up took 80 s instead of ~20 s). A shorter timeout shortens the wait.
            config.put("producer.override.transaction.timeout.ms", "10000");
        }
        return config;
    }

    /**
     * A field of the offset the worker has committed for the (single) file, from
     * {@code GET /connectors/{name}/offsets}: {@code position} (bytes read) or {@code index} (records read); 0 before
     * the first commit. With exactly-once the offsets commit in the same transaction as the records.
     */
    private static long committedOffset(WorkerProcess worker, String connector, String field) {
        long value = 0;
        for (JsonNode entry : worker.rest().offsets(connector).path("offsets")) {
            value = Math.max(value, entry.path("offset").path(field).asLong());
        }
        return value;
    }

    /** Waits until the committed offset is the end of the file: every record is written and acknowledged. */
    private static void awaitCommittedPosition(WorkerProcess worker, String connector, long fileSize) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long position = 0;
        while (System.nanoTime() < deadline) {
            position = committedOffset(worker, connector, "position");
            if (position >= fileSize) {
                return;
            }
            if (!worker.isAlive()) {
                throw new AssertionError(worker + " died at committed position " + position + ":\n"
                        + worker.logTail(40));
            }
            pause(Duration.ofMillis(250));
        }
        throw new AssertionError("committed position " + position + " of " + fileSize + " bytes after " + TIMEOUT
                + "; " + worker.rest().status(connector).map(ConnectRestClient::describe).orElse("no status"));
    }

    /** Sets (or with null removes) a produce quota for the connector's task producer. */
    private void throttle(String connector, Double bytesPerSecond) {
        ProduceQuota.set(kafka.bootstrapServers(), connector, bytesPerSecond);
    }

    private static String name(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.value()).path("name").asText();
        } catch (IOException e) {
            throw new AssertionError("value at offset " + record.offset() + " is not JSON", e);
        }
    }

    private record Outcome(String topic, long endAtKill, long committedAtKill, Duration recovery,
                           List<ConsumerRecord<byte[], byte[]>> records) {

        Map<String, Integer> copiesByName() {
            Map<String, Integer> copies = new HashMap<>();
            records.forEach(record -> copies.merge(name(record), 1, Integer::sum));
            return copies;
        }
    }
}
