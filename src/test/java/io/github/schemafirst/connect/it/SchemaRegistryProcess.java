package io.github.schemafirst.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real schema registry for integration tests: Apicurio Registry 2.6.13.Final (in-memory storage) run as a child
 * process of the test JVM. It serves the Confluent Schema Registry API at {@link #ccompatUrl()} and Apicurio's own
 * API at {@link #registryV2Url()} (the one Apicurio's converters talk to).
 *
 * <p>Use {@link #shared()} in tests: one registry per test JVM, started on first use and killed when the JVM exits,
 * because starting one costs seconds and a test class needs nothing but fresh subject names (use unique topics).
 * A test that changes global registry state (e.g. global compatibility) should {@link #start()} its own and close it.
 *
 * <p>The runner jar is found under the system property {@code apicurio.runner.dir} (set by failsafe to
 * {@code target/apicurio}, unpacked there in {@code pre-integration-test}). Process output goes to
 * {@code target/it-logs/apicurio-<port>.log}.
 */
public final class SchemaRegistryProcess implements AutoCloseable {

    static final String RUNNER_JAR = "apicurio-registry-app-2.6.13.Final-runner.jar";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_ATTEMPTS = 3;

    private static SchemaRegistryProcess shared;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Duration startupTime;
    private final Thread shutdownHook;

    private SchemaRegistryProcess(Process process, int port, Path logFile, Duration startupTime) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::kill, "kill-apicurio-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The registry shared by every test of this JVM; started on the first call, killed when the JVM exits. */
    public static synchronized SchemaRegistryProcess shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** Starts a registry of the caller's own; close it when done. */
    public static SchemaRegistryProcess start() {
        Path jar = runnerJar();
        List<String> failures = new ArrayList<>();
        // A free port can be taken between probing and binding: retry on another one.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = logDirectory().resolve("apicurio-" + port + ".log");
            long started = System.nanoTime();
            Process process = launch(jar, port, log);
            try {
                awaitReady(process, port);
                return new SchemaRegistryProcess(process, port, log, Duration.ofNanos(System.nanoTime() - started));
            } catch (RegistryNotReadyException e) {
                destroy(process);
                failures.add("attempt " + attempt + " on port " + port + ": " + e.getMessage() + " (log: " + log + ")");
            }
        }
        throw new IllegalStateException("Apicurio Registry did not start:\n  " + String.join("\n  ", failures));
    }

    /** Confluent Schema Registry compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** Apicurio's own v2 API: the {@code apicurio.registry.url} for Apicurio's converters. */
    public String registryV2Url() {
        return baseUrl() + "/apis/registry/v2";
    }

    public int port() {
        return port;
    }

    /** Where the registry's stdout and stderr go. */
    public Path logFile() {
        return logFile;
    }

    /** Wall time from launch until the ccompat API answered 200. */
    public Duration startupTime() {
        return startupTime;
    }

    /** A client for the ccompat API of this registry. */
    public RegistryClient client() {
        return new RegistryClient(ccompatUrl());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to unregister
        }
        synchronized (SchemaRegistryProcess.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    private void kill() {
        destroy(process);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static Process launch(Path jar, int port, Path log) {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Xmx256m",
                // Startup speed over peak throughput: the tests send a handful of requests, and the machine is small.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-jar", jar.toString());
        try {
            return new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + command, e);
        }
    }

    private static void awaitReady(Process process, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/apis/ccompat/v7/subjects"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String lastOutcome = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new RegistryNotReadyException("process exited with code " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                lastOutcome = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastOutcome = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryNotReadyException("interrupted");
            }
            pause(Duration.ofMillis(200));
        }
        throw new RegistryNotReadyException("not ready after " + STARTUP_TIMEOUT + ", last probe: " + lastOutcome);
    }

    private static void destroy(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path runnerJar() {
        String dir = System.getProperty("apicurio.runner.dir", "target/apicurio");
        Path jar = Paths.get(dir, RUNNER_JAR).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio runner jar not found at " + jar
                    + ": run the ITs through Maven (`./mvnw verify`), whose pre-integration-test phase unpacks it,"
                    + " or set -Dapicurio.runner.dir");
        }
        return jar;
    }

    static Path logDirectory() {
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "it-logs");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryNotReadyException("interrupted");
        }
    }

    private static final class RegistryNotReadyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RegistryNotReadyException(String message) {
            super(message);
        }
    }
}
