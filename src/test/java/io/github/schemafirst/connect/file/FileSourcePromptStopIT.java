package io.github.schemafirst.connect.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.UserFiles;
import io.github.schemafirst.connect.it.WorkerProcess;
import io.github.schemafirst.connect.it.WorkerProcessITBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file connector that has read its files and is idle must not sit in {@code poll()} until the next listing, however
 * long {@code file.poll.interval.ms} is (here ten minutes), because the Connect runtime does two things only between
 * polls, on the task's own thread:
 * <ul>
 *   <li>stopping: {@code SourceTask.stop()} is called only after {@code poll()} has returned, and a stopping task
 *       gets {@code task.shutdown.graceful.timeout.ms} (5 s) before the runtime gives up on it (its thread goes on).
 *       The judge is the runtime, not a clock in this test: its {@code Worker} logs
 *       {@code "Graceful stop of task <id> succeeded."} (debug) or {@code "... failed."} (error);</li>
 *   <li>pausing: the task thread checks for a requested pause between polls, and reports PAUSED only then;</li>
 *   <li>offset commits: {@code WorkerSourceTask.beginSendIteration()} turns acknowledged records into committable
 *       offsets once per poll loop, so a waiting poll holds back the offsets of records long written.</li>
 * </ul>
 * The runtime has a verdict of its own only for stopping; pausing and committing are awaited for a tenth of the poll
 * interval, which a poll waiting for the next listing cannot meet and a prompt one meets with a wide margin.
 */
class FileSourcePromptStopIT extends WorkerProcessITBase {

    private static final int USERS = 100;
    /** Ten minutes: with a poll that waits for the next listing, nothing but the listing would end the wait. */
    private static final String POLL_INTERVAL_MS = "600000";
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    /** One worker for the class (a start costs seconds); each test has its own connector. */
    private WorkerProcess worker;

    @BeforeAll
    void startSharedWorker() {
        worker = worker().groupId("prompt-stop-" + System.nanoTime()).maxHeap("256m")
                // The runtime's default, spelled out: it is the bound the stop test holds the task to.
                .workerProp("task.shutdown.graceful.timeout.ms", "5000")
                // The runtime's verdict on a task stop that succeeded is logged at debug.
                .logLevel("org.apache.kafka.connect.runtime.Worker", "debug")
                .start();
        System.out.printf("[it-stack] %s started in %d ms%n", worker, worker.startupTime().toMillis());
    }

    @AfterAll
    void stopSharedWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void deletingAnIdleConnectorStopsItsTaskWithinTheRuntimesGracefulTimeout() {
        String connector = "deleted";
        String task = connector + "-0";
        String topic = startIdleConnector(connector);
        // Idle: every record is in the topic and nothing is left to read until the next listing, ten minutes away.
        awaitEndOffset(topic, USERS, false, TIMEOUT, worker);

        worker.rest().deleteConnector(connector);

        // One of the two verdicts follows the stop request within the graceful timeout: wait for either.
        String verdict = worker.awaitLogLine("Graceful stop of task " + task + " ", TIMEOUT);
        System.out.printf("[prompt-stop] %s%n", verdict);
        assertThat(logLinesContaining("Graceful stop of task " + task + " failed."))
                .as("the runtime gave up on the task after task.shutdown.graceful.timeout.ms").isEmpty();
        assertThat(verdict).as("the runtime's verdict on stopping the idle task")
                .endsWith("Graceful stop of task " + task + " succeeded.");
        assertThat(logLinesContaining("Stopping task " + task)).as("the stop request the verdict answers")
                .hasSize(1);
    }

    @Test
    void anIdleConnectorCommitsTheOffsetsOfEverythingItWroteWithoutWaitingForTheNextListing() throws IOException {
        String connector = "committed";
        String topic = startIdleConnector(connector);
        awaitEndOffset(topic, USERS, false, TIMEOUT, worker);

        // The timeout is a tenth of the poll interval: a poll waiting for the next listing cannot pass.
        long size = Files.size(dir.resolve(connector).resolve("users.jsonl"));
        long position = awaitCommittedPosition(connector, size);
        assertThat(position).as("committed position of the only file").isEqualTo(size);
        worker.rest().deleteConnector(connector);
    }

    private List<String> logLinesContaining(String fragment) {
        return worker.logLines().stream().filter(line -> line.contains(fragment)).toList();
    }

    @Test
    void pausingAnIdleConnectorPausesItsTaskWithoutWaitingForTheNextListing() {
        String connector = "paused";
        String topic = startIdleConnector(connector);
        awaitEndOffset(topic, USERS, false, TIMEOUT, worker);

        worker.rest().pauseConnector(connector);

        // The task reports PAUSED only from its own thread, between two polls. The timeout is a tenth of the poll
        // interval: a poll waiting for the next listing cannot pass.
        worker.rest().awaitStatus(connector, status -> status.tasks().size() == 1
                        && "PAUSED".equals(status.tasks().get(0).state()),
                "task PAUSED (file.poll.interval.ms=" + POLL_INTERVAL_MS + ")", TIMEOUT);
        worker.rest().deleteConnector(connector);
    }

    /** A connector reading one file of {@link #USERS} users from a directory of its own, polling every 10 minutes. */
    private String startIdleConnector(String connector) {
        Path files = dir.resolve(connector);
        try {
            Files.createDirectories(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UserFiles.write(files.resolve("users.jsonl"), 1, USERS);
        String topic = connector + "-" + System.nanoTime();
        worker.rest().configureConnector(connector, FileConnectorConfig.of(files, topic, "jsonl")
                .set("file.poll.interval.ms", POLL_INTERVAL_MS)
                .set("value.schema.file", userAvsc().toString())
                .with(ConverterConfigs.schemalessJson())
                .toMap());
        worker.rest().awaitRunning(connector, 1, TIMEOUT);
        return topic;
    }

    /** Waits until the committed offset of the (single) file reaches {@code fileSize}; returns it. */
    private long awaitCommittedPosition(String connector, long fileSize) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long position = 0;
        while (System.nanoTime() < deadline) {
            for (JsonNode entry : worker.rest().offsets(connector).path("offsets")) {
                position = Math.max(position, entry.path("offset").path("position").asLong());
            }
            if (position >= fileSize) {
                return position;
            }
            pause(Duration.ofMillis(250));
        }
        throw new AssertionError(connector + ": committed position " + position + " of " + fileSize + " bytes after "
                + TIMEOUT + " (file.poll.interval.ms=" + POLL_INTERVAL_MS + ")");
    }
}
