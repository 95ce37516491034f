package io.github.schemafirst.connect.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka broker and a distributed Connect worker in the test JVM (Kafka's {@link EmbeddedConnectCluster}: KRaft,
 * real REST API), with the helpers integration tests need: configure a connector and wait for it to run, validate
 * a config, read what landed in a topic, restart a connector or the worker.
 *
 * <p>Build with {@link #builder()}; {@link Builder#exactlyOnce()} gives a worker with
 * {@code exactly.once.source.support=enabled}. {@link #close()} stops worker and broker and deletes their data.
 */
public final class ConnectStack implements AutoCloseable {

    /** How long {@link #awaitRunning}, the readers and the worker restart wait by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedConnectCluster cluster;
    private Duration startupTime;

    private ConnectStack(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts broker and worker and waits until the worker's REST API answers. */
    public ConnectStack start() {
        long started = System.nanoTime();
        cluster.start();
        awaitWorkerUp();
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        return this;
    }

    /** Wall time {@link #start()} took. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The test kit's cluster, for whatever these helpers do not cover. */
    public EmbeddedConnectCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** Creates {@code topic} with one partition (topics are also auto-created on first write). */
    public void createTopic(String topic) {
        cluster.kafka().createTopic(topic, 1);
    }

    /** Creates or reconfigures connector {@code name} through the REST API ({@code PUT /connectors/{name}/config}). */
    public void configureConnector(String name, Map<String, String> config) {
        cluster.configureConnector(name, new HashMap<>(config));
    }

    /** {@link #configureConnector} then {@link #awaitRunning} with one task. */
    public void startConnector(String name, Map<String, String> config) {
        configureConnector(name, config);
        awaitRunning(name, 1);
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING. */
    public void awaitRunning(String name, int tasks) {
        try {
            cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(
                    name, tasks, "connector " + name + " and " + tasks + " task(s) did not reach RUNNING: " + describe(name));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits until the connector runs and all {@code tasks} of its tasks have FAILED. */
    public void awaitTasksFailed(String name, int tasks) {
        try {
            cluster.assertions().assertConnectorIsRunningAndTasksHaveFailed(
                    name, tasks, "tasks of " + name + " did not fail: " + describe(name));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The connector's status: connector and task states, with the worker's stack traces for failed ones. */
    public ConnectorStateInfo status(String name) {
        return cluster.connectorStatus(name);
    }

    /** The error trace of task {@code task}, or null when it has none. */
    public String taskTrace(String name, int task) {
        return status(name).tasks().stream()
                .filter(state -> state.id() == task)
                .map(ConnectorStateInfo.AbstractState::trace)
                .findFirst()
                .orElse(null);
    }

    /**
     * Validates a connector config through {@code PUT /connector-plugins/{class}/config/validate}, as a UI or
     * {@code curl} would.
     */
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        return rest().validate(connectorClass, config);
    }

    /** A REST client for the worker (the test kit's cluster covers most calls; this one covers the rest). */
    public ConnectRestClient rest() {
        return new ConnectRestClient(cluster.endpointForResource(""));
    }

    public void deleteConnector(String name) {
        cluster.deleteConnector(name);
        try {
            cluster.assertions().assertConnectorDoesNotExist(name, "connector " + name + " was not deleted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Restarts the connector and all its tasks (REST {@code POST .../restart?includeTasks=true}) and waits. */
    public void restartConnector(String name, int tasks) {
        cluster.restartConnectorAndTasks(name, false, true, false);
        awaitRunning(name, tasks);
    }

    /**
     * Stops the worker gracefully (its tasks stop and commit their offsets, as on a rolling restart) and starts a
     * fresh worker with the same config, which resumes the connectors from the committed offsets. The broker keeps
     * running, so topics and offsets survive.
     */
    public void restartWorker() {
        for (WorkerHandle worker : cluster.workers()) {
            cluster.removeWorker(worker);
        }
        cluster.addWorker();
        awaitWorkerUp();
    }

    /**
     * The source offsets the worker has committed for {@code name} ({@code GET /connectors/{name}/offsets}):
     * source partition to source offset.
     */
    public Map<Map<String, ?>, Map<String, ?>> committedOffsets(String name) {
        return cluster.connectorOffsets(name).toMap();
    }

    /** Reads the first {@code count} records of {@code topic}; fails if fewer arrive within {@code timeout}. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        return TopicReader.readAtLeast(bootstrapServers(), topic, count, timeout, false);
    }

    /** {@link #consume} with {@link #DEFAULT_TIMEOUT}. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
        return consume(topic, count, DEFAULT_TIMEOUT);
    }

    /** Like {@link #consume}, with {@code isolation.level=read_committed}: only committed transactions are seen. */
    public List<ConsumerRecord<byte[], byte[]>> consumeCommitted(String topic, int count, Duration timeout) {
        return TopicReader.readAtLeast(bootstrapServers(), topic, count, timeout, true);
    }

    /**
     * Everything in {@code topic} up to its current end (the last stable offset with {@code readCommitted}): use
     * after a connector has caught up, to check that nothing more (no duplicates) was written.
     */
    public List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, boolean readCommitted) {
        return TopicReader.readToEnd(bootstrapServers(), topic, DEFAULT_TIMEOUT, readCommitted);
    }

    @Override
    public void close() {
        cluster.stop();
    }

    private void awaitWorkerUp() {
        try {
            cluster.assertions().assertAtLeastNumWorkersAreUp(1, "the Connect worker did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String describe(String name) {
        try {
            return ConnectRestClient.describe(cluster.connectorStatus(name));
        } catch (RuntimeException e) {
            return "status unavailable: " + e.getMessage();
        }
    }

    /** Settings of the stack: worker and broker properties; defaults tuned for fast tests. */
    public static final class Builder {

        private final Map<String, String> workerProps = new HashMap<>();
        private final Properties brokerProps = new Properties();

        private Builder() {
            // Offsets reach the offsets topic within a second: restart tests need not wait a minute.
            workerProps.put("offset.flush.interval.ms", "1000");
            // A replacement worker gets the tasks of a departed one at once, not after the default 5 minutes.
            workerProps.put("scheduled.rebalance.max.delay.ms", "1000");
            // Every plugin on the test classpath must have a ServiceLoader manifest (as with
            // plugin.discovery=service_load in production); test-only third-party converters are listed in
            // src/test/resources/META-INF/services.
            workerProps.put("plugin.discovery", "hybrid_fail");
            brokerProps.putAll(TestBrokerConfig.defaults());
        }

        /** Sets a worker property (see Kafka's Connect worker configs). */
        public Builder workerProp(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        /** Sets a broker property. */
        public Builder brokerProp(String key, String value) {
            brokerProps.put(key, value);
            return this;
        }

        /**
         * A worker with {@code exactly.once.source.support=enabled}: source tasks write records and offsets in one
         * transaction per batch; read the topic with {@link ConnectStack#consumeCommitted}.
         */
        public Builder exactlyOnce() {
            return workerProp("exactly.once.source.support", "enabled");
        }

        public ConnectStack build() {
            EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                    .name("schemafirst-it-" + Long.toHexString(System.nanoTime()))
                    .numWorkers(1)
                    .numBrokers(1)
                    // The test kit adds its own keys to this map: hand it a private mutable copy.
                    .workerProps(new HashMap<>(workerProps))
                    .brokerProps(copy(brokerProps))
                    .build();
            return new ConnectStack(cluster);
        }

        private static Properties copy(Properties properties) {
            Properties copy = new Properties();
            copy.putAll(properties);
            return copy;
        }
    }
}
