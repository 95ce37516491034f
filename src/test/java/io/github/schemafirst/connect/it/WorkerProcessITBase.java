package io.github.schemafirst.connect.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.ClassicGroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Base class for integration tests that run Connect workers as separate processes ({@link WorkerProcess}) against
 * one embedded broker per test class (Kafka's {@link EmbeddedKafkaCluster}, no in-JVM worker). The workers load the
 * connector from the unpacked Confluent Hub archive only, on a class path of Kafka's runtime jars.
 *
 * <p>Workers started through {@link #startWorker} are stopped after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WorkerProcessITBase {

    protected EmbeddedKafkaCluster kafka;
    protected PluginDirectories.HubComponent plugin;
    private final List<WorkerProcess> workers = new ArrayList<>();

    /** Hook to adjust broker settings before the broker starts. */
    protected void configureBroker(Properties brokerProps) {
    }

    @BeforeAll
    void startBroker() {
        long started = System.nanoTime();
        plugin = PluginDirectories.installed();
        Properties props = TestBrokerConfig.defaults();
        configureBroker(props);
        kafka = new EmbeddedKafkaCluster(1, props);
        kafka.start();
        System.out.printf("[it-stack] %s: broker started in %d ms; plugin.path %s%n", getClass().getSimpleName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), plugin.pluginPath());
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(WorkerProcess::close);
        workers.clear();
    }

    @AfterAll
    void stopBroker() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    /**
     * A worker on Kafka's runtime class path (without the plugin's jars) with the unpacked archive and the Apicurio
     * converter on its {@code plugin.path}.
     */
    protected WorkerProcess.Builder worker() {
        return WorkerProcess.builder(kafka.bootstrapServers())
                .classpath(KafkaRuntimeClasspath.without(plugin.libJarNames()))
                .pluginPath(plugin.pluginPath());
    }

    /** Starts the worker and stops it after the test. */
    protected WorkerProcess startWorker(WorkerProcess.Builder builder) {
        WorkerProcess worker = builder.start();
        workers.add(worker);
        System.out.printf("[it-stack] %s started in %d ms%n", worker, worker.startupTime().toMillis());
        return worker;
    }

    /**
     * Starts the workers side by side (a JVM start is mostly waiting on one core of two) and stops them after the
     * test; returns them in the order given. Fails if any does not start.
     */
    protected List<WorkerProcess> startWorkers(WorkerProcess.Builder... builders) {
        List<CompletableFuture<WorkerProcess>> starting = new ArrayList<>();
        for (WorkerProcess.Builder builder : builders) {
            starting.add(CompletableFuture.supplyAsync(builder::start, command -> new Thread(command).start()));
        }
        List<WorkerProcess> started = new ArrayList<>();
        Throwable failure = null;
        for (CompletableFuture<WorkerProcess> future : starting) {
            try {
                WorkerProcess worker = future.join();
                workers.add(worker); // stopped after the test even when another one failed to start
                started.add(worker);
                System.out.printf("[it-stack] %s started in %d ms%n", worker, worker.startupTime().toMillis());
            } catch (CompletionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure != null) {
            throw new AssertionError("a worker did not start", failure);
        }
        return started;
    }

    /**
     * Waits until the Connect group {@code groupId} has {@code members} members and is stable (every worker has
     * joined and received its assignment), so that connectors created next are spread over all of them at once.
     */
    protected void awaitGroupMembers(String groupId, int members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "not described yet";
        try (Admin admin = kafka.createAdminClient()) {
            while (System.nanoTime() < deadline) {
                try {
                    ClassicGroupDescription group = admin.describeClassicGroups(List.of(groupId))
                            .describedGroups().get(groupId).get(30, TimeUnit.SECONDS);
                    last = group.state() + " with " + group.members().size() + " member(s)";
                    if (group.state() == ClassicGroupState.STABLE && group.members().size() == members) {
                        return;
                    }
                } catch (ExecutionException notThereYet) {
                    last = notThereYet.getCause().toString();
                } catch (TimeoutException e) {
                    last = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
                pause(Duration.ofMillis(200));
            }
        }
        throw new AssertionError("Connect group " + groupId + " did not become stable with " + members
                + " members within " + timeout + ": " + last);
    }

    /** The shared {@code User} Avro schema, as shipped in the archive's {@code etc/schemas}. */
    protected Path userAvsc() {
        return plugin.directory().resolve("etc/schemas/user.avsc");
    }

    /** The JVM-wide registry (started on first use). */
    protected SchemaRegistryProcess registry() {
        return SchemaRegistryProcess.shared();
    }

    /** Creates a one-partition topic with the given topic configs. */
    protected void createTopic(String topic, Map<String, String> configs) {
        kafka.createTopic(topic, 1, 1, configs);
    }

    /**
     * The sum of the topic's end offsets: the log end offsets, or with {@code readCommitted} the last stable
     * offsets (open transactions not counted). Counts records even after retention deleted them.
     */
    protected long endOffset(String topic, boolean readCommitted) {
        try (Admin admin = kafka.createAdminClient()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            ListOffsetsOptions options = new ListOffsetsOptions(
                    readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
            return admin.listOffsets(request, options).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return 0;
            }
            throw new AssertionError("cannot list end offsets of " + topic, e);
        } catch (TimeoutException e) {
            throw new AssertionError("cannot list end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Polls the end offset until it reaches {@code expected}; fails on timeout, or at once when {@code worker}
     * dies. Returns the end offset seen (it may exceed {@code expected}).
     */
    protected long awaitEndOffset(String topic, long expected, boolean readCommitted, Duration timeout,
                                  WorkerProcess worker) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = endOffset(topic, readCommitted);
            if (seen >= expected) {
                return seen;
            }
            if (worker != null && !worker.isAlive()) {
                throw new AssertionError(worker + " died at end offset " + seen + ":\n" + worker.logTail(40));
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError("end offset of " + topic + (readCommitted ? " (read_committed)" : "") + " is " + seen
                + ", expected " + expected + " within " + timeout);
    }

    /** Everything in the topic up to its current end (last stable offset with {@code readCommitted}). */
    protected List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted) {
        return TopicReader.readToEnd(kafka.bootstrapServers(), topic, Duration.ofMinutes(2), readCommitted);
    }

    protected static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
