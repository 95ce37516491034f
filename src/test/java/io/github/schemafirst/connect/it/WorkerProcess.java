package io.github.schemafirst.connect.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A distributed Connect worker in a child JVM ({@code org.apache.kafka.connect.cli.ConnectDistributed}), for what
 * the in-JVM test kit cannot do: SIGKILL a worker ({@link #kill()}), give it a heap of its own, and load the
 * connector only from an isolated {@code plugin.path} with {@code plugin.discovery=service_load}, as a production
 * worker does.
 *
 * <p>Workers built with the same {@link Builder#groupId} form one Connect cluster (same storage topics): a
 * replacement started after a kill resumes the connectors from the committed offsets. Output goes to
 * {@code target/it-logs/worker-<n>.log}; the worker's own logging is slf4j-simple at info.
 */
public final class WorkerProcess implements AutoCloseable {

    private static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectDistributed";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final int index;
    private final Process process;
    private final int port;
    private final Path logFile;
    private final Duration startupTime;
    /** The JMX connector's port on loopback; -1 without {@link Builder#jmx()}. */
    private final int jmxPort;
    private final ConnectRestClient rest;
    private final Thread shutdownHook;

    private WorkerProcess(int index, Process process, int port, Path logFile, Duration startupTime, int jmxPort) {
        this.index = index;
        this.jmxPort = jmxPort;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.startupTime = startupTime;
        this.rest = new ConnectRestClient("http://127.0.0.1:" + port);
        // A test that dies half way must not leave a worker behind.
        this.shutdownHook = new Thread(process::destroyForcibly, "kill-connect-worker-" + index);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @param bootstrapServers the broker the worker stores its config, offsets and status in */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** The worker's REST API. */
    public ConnectRestClient rest() {
        return rest;
    }

    public int port() {
        return port;
    }

    /**
     * The id the Connect cluster knows this worker by, as {@code GET /connectors/{name}/status} shows it in
     * {@code worker_id}: its advertised REST host and port.
     */
    public String workerId() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Where the worker's stdout and stderr go. */
    public Path logFile() {
        return logFile;
    }

    /** Wall time from launch until {@code GET /} answered 200. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Kills the worker with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook runs, tasks
     * neither stop nor commit offsets, an open transaction stays open. Waits until the process is gone.
     *
     * @return the exit code: 137 (128 + 9) when SIGKILL ended it
     */
    public int kill() {
        process.destroyForcibly();
        return awaitExit(STOP_TIMEOUT);
    }

    /**
     * Stops the worker gracefully with SIGTERM: Connect's shutdown hook stops the tasks and commits their offsets.
     *
     * @return the exit code
     */
    public int stop() {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return awaitExit(STOP_TIMEOUT);
    }

    /** Stops the worker if it still runs. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to unregister
        }
    }

    /**
     * Polls the log until a line contains {@code fragment}; fails after {@code timeout}, or at once when the process
     * has exited without writing it.
     *
     * @return the first such line
     */
    public String awaitLogLine(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean aliveBefore = process.isAlive();
            Optional<String> line = logLines().stream().filter(l -> l.contains(fragment)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!aliveBefore || System.nanoTime() > deadline) {
                throw new AssertionError(this + " logged no line containing '" + fragment + "' within " + timeout
                        + (aliveBefore ? "" : " (the process has exited)") + "; log tail:\n" + logTail(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The whole log so far, line by line. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile, e);
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    @Override
    public String toString() {
        return "worker-" + index + " (pid " + process.pid() + ", port " + port + ", log " + logFile + ")";
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(this + " did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The worker's JMX connector ({@code service:jmx:rmi:///jndi/rmi://127.0.0.1:<port>/jmxrmi}, no authentication,
     * no TLS, loopback only), for {@code JMXConnectorFactory.connect}; needs {@link Builder#jmx()}.
     */
    public javax.management.remote.JMXServiceURL jmxServiceUrl() {
        if (jmxPort < 0) {
            throw new IllegalStateException(this + " was started without Builder.jmx()");
        }
        try {
            return new javax.management.remote.JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** How to launch a worker: broker, group, heap, class path, plugin path and worker properties. */
    public static final class Builder {

        private final String bootstrapServers;
        private String groupId = "worker-process-" + Long.toString(System.currentTimeMillis(), 36);
        private String heap = "-Xmx512m";
        private final List<Path> classpath = new ArrayList<>();
        private final List<Path> pluginPath = new ArrayList<>();
        private final Map<String, String> workerProps = new LinkedHashMap<>();
        private final Map<String, String> logLevels = new LinkedHashMap<>();
        private final List<String> launchPrefix = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private boolean jmx;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /**
         * The Connect group; its storage topics are {@code <groupId>-configs}, {@code -offsets} and
         * {@code -status}. Workers of one group share connectors and offsets.
         */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** The child JVM's maximum heap, e.g. {@code 256m}. */
        public Builder maxHeap(String size) {
            this.heap = "-Xmx" + size;
            return this;
        }

        /** Class path entries of the worker JVM (Kafka's runtime: see {@link KafkaRuntimeClasspath}). */
        public Builder classpath(List<Path> entries) {
            classpath.addAll(entries);
            return this;
        }

        /** A {@code plugin.path} entry: a directory holding plugin directories. */
        public Builder pluginPath(Path directory) {
            pluginPath.add(directory);
            return this;
        }

        /** {@code exactly.once.source.support=enabled}: transactional source tasks. */
        public Builder exactlyOnce() {
            return workerProp("exactly.once.source.support", "enabled");
        }

        /** Sets (or overrides) a worker property. */
        public Builder workerProp(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        /**
         * The slf4j-simple level of one logger of the worker (the default is info), e.g. {@code debug} for
         * {@code org.apache.kafka.connect.runtime.Worker} to see its verdict on each task stop.
         */
        public Builder logLevel(String logger, String level) {
            logLevels.put(logger, level);
            return this;
        }

        /**
         * A command that runs the worker's {@code java} command line (appended to it as arguments) and must
         * {@code exec} it, so that the process, its pid and {@link #kill()} stay the JVM's: e.g. one that enters a
         * mount namespace of its own first (see {@link PrivateMount}).
         */
        public Builder launchPrefix(List<String> command) {
            launchPrefix.clear();
            launchPrefix.addAll(command);
            return this;
        }

        /** An extra option of the worker's {@code java} command line, e.g. {@code -Dkey=value}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * Opens the worker's platform MBean server on a free loopback port (JMX remote, no authentication, no TLS),
         * read through {@link WorkerProcess#jmxServiceUrl()}.
         */
        public Builder jmx() {
            jmx = true;
            return this;
        }

        /** Launches the worker and waits until its REST API answers. */
        public WorkerProcess start() {
            if (classpath.isEmpty()) {
                throw new IllegalStateException("no class path for the worker");
            }
            int index = COUNTER.incrementAndGet();
            Path logs = SchemaRegistryProcess.logDirectory();
            Path log = logs.resolve("worker-" + index + ".log");
            try {
                // One log per worker and run: a log left by an earlier run of the tests would mislead.
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> failures = new ArrayList<>();
            // A free port can be taken between probing and binding: retry on another one.
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                int jmxPort = jmx ? freePort() : -1;
                Path properties = writeProperties(logs.resolve("worker-" + index + ".properties"), port);
                long started = System.nanoTime();
                Process process = launch(properties, log, jmxPort);
                String failure = awaitRestUp(process, port);
                if (failure == null) {
                    return new WorkerProcess(index, process, port, log, Duration.ofNanos(System.nanoTime() - started),
                            jmxPort);
                }
                process.destroyForcibly();
                failures.add("attempt " + attempt + " on port " + port + ": " + failure + "; log tail:\n"
                        + tail(log, 30));
            }
            throw new IllegalStateException("Connect worker " + index + " did not start:\n" + String.join("\n", failures));
        }

        private Path writeProperties(Path file, int port) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("group.id", groupId);
            props.put("config.storage.topic", groupId + "-configs");
            props.put("offset.storage.topic", groupId + "-offsets");
            props.put("status.storage.topic", groupId + "-status");
            props.put("config.storage.replication.factor", "1");
            props.put("offset.storage.replication.factor", "1");
            props.put("status.storage.replication.factor", "1");
            props.put("offset.storage.partitions", "1");
            props.put("status.storage.partitions", "1");
            props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("value.converter.schemas.enable", "false");
            props.put("offset.flush.interval.ms", "1000");
            // A replacement worker gets the tasks of a departed one after a second, not the default 5 minutes.
            props.put("scheduled.rebalance.max.delay.ms", "1000");
            props.put("listeners", "http://127.0.0.1:" + port);
            props.put("rest.advertised.host.name", "127.0.0.1");
            props.put("rest.advertised.port", Integer.toString(port));
            props.put("plugin.path", pluginPath.stream().map(Path::toString).collect(Collectors.joining(",")));
            // Only plugins with a META-INF/services manifest are found, as on a production worker set up this way.
            props.put("plugin.discovery", "service_load");
            props.putAll(workerProps);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(out, "Connect worker of an integration test");
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Process launch(Path properties, Path log, int jmxPort) {
            Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(launchPrefix);
            command.addAll(List.of(
                    java.toString(),
                    heap,
                    // An OutOfMemoryError ends the worker (instead of killing one thread): a test that checks the
                    // process is alive then knows the heap sufficed.
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
            logLevels.forEach((logger, level) -> command.add("-Dorg.slf4j.simpleLogger.log." + logger + "=" + level));
            if (jmxPort >= 0) {
                command.addAll(List.of(
                        "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.local.only=true",
                        "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false",
                        "-Djava.rmi.server.hostname=127.0.0.1"));
            }
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                    MAIN_CLASS,
                    properties.toString()));
            try {
                return new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot launch " + MAIN_CLASS, e);
            }
        }

        /** @return null once {@code GET /} answers 200, else why not */
        private static String awaitRestUp(Process process, int port) {
            ConnectRestClient rest = new ConnectRestClient("http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    return "process exited with code " + process.exitValue();
                }
                if (rest.isUp()) {
                    return null;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
            return "REST API not up after " + STARTUP_TIMEOUT;
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
