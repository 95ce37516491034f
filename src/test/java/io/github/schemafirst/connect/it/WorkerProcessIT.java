package io.github.schemafirst.connect.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves {@link WorkerProcess} on Kafka's own FileStreamSourceConnector (on the worker's class path): a worker in a
 * child JVM with {@code plugin.discovery=service_load} runs it, SIGKILL ends it, a replacement of the same group
 * resumes, and Apicurio's converter loads from its plugin directory.
 */
class WorkerProcessIT extends WorkerProcessITBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void runsAConnectorAndSurvivesSigkillWithAReplacementWorker() throws IOException {
        String group = "smoke-" + System.nanoTime();
        String topic = group + "-lines";
        Path file = dir.resolve("lines.txt");
        Files.write(file, lines(1, 20));
        WorkerProcess first = startWorker(worker().groupId(group));

        first.rest().configureConnector("lines", fileStream(file, topic, ConverterConfigs.string()));
        first.rest().awaitRunning("lines", 1, TIMEOUT);
        awaitEndOffset(topic, 20, false, TIMEOUT, first);

        long pid = first.pid();
        int exitCode = first.kill();
        assertThat(exitCode).as("exit code of a JVM ended by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(ProcessHandle.of(pid)).as("process %d after kill", pid).isEmpty();

        Files.write(file, lines(21, 30), StandardOpenOption.APPEND);
        WorkerProcess second = startWorker(worker().groupId(group));
        second.rest().awaitRunning("lines", 1, TIMEOUT);
        awaitEndOffset(topic, 30, false, TIMEOUT, second);

        List<String> values = readAll(topic, false).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        // At least once: lines read before the kill but not yet committed may come again, nothing may be lost.
        assertThat(values).containsAll(lines(1, 30));
        assertThat(values).hasSizeBetween(30, 50);
    }

    @Test
    void gracefulStopEndsTheWorkerWithSigterm() throws IOException {
        String group = "stop-" + System.nanoTime();
        Path file = dir.resolve("stop.txt");
        Files.write(file, lines(1, 3));
        WorkerProcess worker = startWorker(worker().groupId(group));
        // Stop a worker that has joined its group and runs a task: GET / answers before the herder has read the
        // config topic, and a SIGTERM in that window measures Connect's start-up, not its shutdown.
        worker.rest().configureConnector("lines", fileStream(file, group + "-lines", ConverterConfigs.string()));
        worker.rest().awaitRunning("lines", 1, TIMEOUT);

        int exitCode = worker.stop();

        assertThat(exitCode).as("exit code after SIGTERM and Connect's shutdown hook; worker log:%n%s",
                worker.logTail(60)).isIn(0, 143);
        assertThat(worker.isAlive()).isFalse();
        assertThat(worker.logTail(200)).contains("Kafka Connect stopped");
    }

    @Test
    void apicurioConverterLoadsFromItsPluginDirectory() throws IOException {
        String group = "apicurio-" + System.nanoTime();
        String topic = group + "-avro";
        Path file = dir.resolve("avro.txt");
        Files.write(file, lines(1, 5));
        SchemaRegistryProcess registry = registry();
        WorkerProcess worker = startWorker(worker().groupId(group));

        worker.rest().configureConnector("avro", fileStream(file, topic, ConverterConfigs.apicurioAvro(registry)));
        worker.rest().awaitRunning("avro", 1, TIMEOUT);
        awaitEndOffset(topic, 5, false, TIMEOUT, worker);

        AvroWireDecoder decoder = new AvroWireDecoder(registry.client());
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, false);
        assertThat(records).extracting(r -> decoder.decode(r.value()).datum().toString())
                .containsExactlyElementsOf(lines(1, 5));
    }

    private static Map<String, String> fileStream(Path file, String topic, Map<String, String> converter) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("file", file.toString());
        config.put("topic", topic);
        config.putAll(converter);
        return config;
    }

    private static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line-" + i).collect(Collectors.toList());
    }
}
