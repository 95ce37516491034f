package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.WorkerProcess;
import io.github.schemafirst.connect.it.WorkerProcessITBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task metrics read over JMX from a real worker process while connectors run on the shared
 * {@code users-with-errors.jsonl} (against {@code user.avsc}: 3 valid lines, 5 invalid): the numbers match what
 * happened, the lag reaches 0, a restarted task leaves one MBean and a deleted connector none.
 */
class FileSourceMetricsIT extends WorkerProcessITBase {
    private static final String FILE = "users-with-errors.jsonl";
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    @Test
    void metricsOverJmxMatchWhatHappenedAndGoAwayWithTheConnector() throws Exception {
        WorkerProcess worker = startWorker(worker().groupId("metrics-" + System.nanoTime()).maxHeap("256m").jmx());
        try (JMXConnector jmx = JMXConnectorFactory.connect(worker.jmxServiceUrl())) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();

            String deadLetter = "metrics-dlq";
            String topic = startConnector(worker, deadLetter, "dead-letter");
            awaitEndOffset(topic, 3, false, TIMEOUT, worker);
            awaitEndOffset(topic + "-invalid", 5, false, TIMEOUT, worker);
            ObjectName task = new ObjectName("kafka.connect:type=schemafirst-task-metrics,connector=" + deadLetter
                    + ",task=0");
            Map<String, Long> values = awaitMetrics(server, task,
                    m -> m.get("records-written") == 3 && m.get("bytes-not-read") == 0);
            System.out.printf("[metrics] %s: %s%n", task, values);
            assertThat(values).containsEntry("records-read", 8L).containsEntry("records-written", 3L)
                    .containsEntry("invalid-records-dead-lettered", 5L).containsEntry("invalid-records-skipped", 0L)
                    .containsEntry("invalid-records-failed", 0L).containsEntry("files-known", 1L)
                    .containsEntry("files-errored", 0L).containsEntry("bytes-not-read", 0L);
            assertThat(values.get("bytes-read")).isPositive();
            assertThat(values.get("last-record-time-ms")).isPositive();
            if (hasPluginMetrics()) {
                // KIP-877: the same names beside Connect's own task metrics, through the worker's metrics
                ObjectName plugins = new ObjectName("kafka.connect:type=plugins,connector=" + deadLetter
                        + ",task=0,*");
                Set<ObjectName> found = server.queryNames(plugins, null);
                System.out.printf("[metrics] worker plugin metrics: %s%n", found);
                assertThat(found).hasSize(1);
                ObjectName bean = found.iterator().next();
                assertThat(server.getAttribute(bean, "records-read")).isEqualTo(8.0);
                assertThat(server.getAttribute(bean, "invalid-records-dead-lettered")).isEqualTo(5.0);
                assertThat(server.getAttribute(bean, "bytes-not-read")).isEqualTo(0.0);
            }

            String skip = "metrics-skip";
            startConnector(worker, skip, "skip");
            ObjectName skipTask = new ObjectName("kafka.connect:type=schemafirst-task-metrics,connector=" + skip
                    + ",task=0");
            Map<String, Long> skipped = awaitMetrics(server, skipTask,
                    m -> m.get("records-written") == 3 && m.get("bytes-not-read") == 0);
            System.out.printf("[metrics] %s: %s%n", skipTask, skipped);
            assertThat(skipped).containsEntry("records-read", 8L).containsEntry("invalid-records-skipped", 5L)
                    .containsEntry("invalid-records-dead-lettered", 0L);

            // a restarted task replaces its MBean (counting from its committed offsets: nothing more to read)
            worker.rest().restartConnector(skip);
            worker.rest().awaitRunning(skip, 1, TIMEOUT);
            awaitMetrics(server, skipTask, m -> m.get("records-read") == 0 && m.get("files-known") == 1);
            assertThat(server.queryNames(new ObjectName("kafka.connect:type=schemafirst-task-metrics,connector="
                    + skip + ",*"), null)).containsExactly(skipTask);

            worker.rest().deleteConnector(deadLetter);
            worker.rest().deleteConnector(skip);
            awaitGone(server, new ObjectName("kafka.connect:type=schemafirst-task-metrics,*"));
            awaitGone(server, new ObjectName("kafka.connect:type=plugins,connector=metrics-*,*"));
        }
    }

    /** Whether the worker's Kafka (the test's own runtime class path) offers KIP-877 plugin metrics (4.1+). */
    private static boolean hasPluginMetrics() {
        try {
            org.apache.kafka.connect.source.SourceTaskContext.class.getMethod("pluginMetrics");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private String startConnector(WorkerProcess worker, String name, String policy) throws IOException {
        Path files = Files.createDirectories(dir.resolve(name));
        TestResources.copy("records/" + FILE, files, FILE);
        String topic = name + "-" + System.nanoTime();
        FileConnectorConfig config = FileConnectorConfig.of(files, topic, "jsonl")
                .set("value.schema.file", userAvsc().toString())
                .set("invalid.record.policy", policy)
                .with(ConverterConfigs.schemalessJson());
        if (policy.equals("dead-letter")) {
            config.set("invalid.record.topic", topic + "-invalid");
        }
        worker.rest().configureConnector(name, config.toMap());
        worker.rest().awaitRunning(name, 1, TIMEOUT);
        return topic;
    }

    private static Map<String, Long> awaitMetrics(MBeanServerConnection server, ObjectName name,
                                                  Predicate<Map<String, Long>> done) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Long> values = Map.of();
        while (System.nanoTime() < deadline) {
            if (server.isRegistered(name)) {
                values = read(server, name);
                if (done.test(values)) {
                    return values;
                }
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError(name + " did not get there within " + TIMEOUT + ": " + values);
    }

    private static Map<String, Long> read(MBeanServerConnection server, ObjectName name) throws Exception {
        Map<String, Long> values = new LinkedHashMap<>();
        for (var attribute : server.getMBeanInfo(name).getAttributes()) {
            values.put(attribute.getName(), (Long) server.getAttribute(name, attribute.getName()));
        }
        return values;
    }

    private static void awaitGone(MBeanServerConnection server, ObjectName pattern) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<ObjectName> left = server.queryNames(pattern, null);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(200));
            left = server.queryNames(pattern, null);
        }
        assertThat(left).as("MBeans left after DELETE").isEmpty();
    }
}
