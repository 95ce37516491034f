package io.github.schemafirst.connect.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedConnectCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", connectorClass);
        URI uri = URI.create(cluster.endpointForResource(
                "connector-plugins/" + URLEncoder.encode(connectorClass, StandardCharsets.UTF_8) + "/config/validate"));
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(DEFAULT_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("PUT " + uri + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return ConfigValidation.parse(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("PUT " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
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
            ConnectorStateInfo status = cluster.connectorStatus(name);
            StringBuilder text = new StringBuilder("connector ").append(status.connector().state());
            if (status.connector().trace() != null) {
                text.append(" (").append(status.connector().trace()).append(')');
            }
            status.tasks().forEach(task -> {
                text.append(", task ").append(task.id()).append(' ').append(task.state());
                if (task.trace() != null) {
                    text.append(" (").append(task.trace()).append(')');
                }
            });
            return text.toString();
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
            brokerProps.put("auto.create.topics.enable", "true");
            brokerProps.put("num.partitions", "1");
            // A replacement worker joins the Connect group at once instead of after the broker's join delay.
            brokerProps.put("group.initial.rebalance.delay.ms", "0");
            // A single broker: the transaction log must fit on it (exactly-once workers need transactions).
            brokerProps.put("transaction.state.log.replication.factor", "1");
            brokerProps.put("transaction.state.log.min.isr", "1");
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
