package io.github.schemafirst.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible store for integration tests: s3proxy 2.6.0 ({@code org.gaul:s3proxy}, classifier
 * {@code jar-with-dependencies}, copied to {@code target/s3proxy} by the pre-integration-test phase) run as a child
 * process with the jclouds {@code filesystem-nio2} backend in a temporary directory, on a free loopback port, with
 * AWS v2 or v4 signatures checked against {@link #accessKey()} / {@link #secretKey()}.
 *
 * <p>What its {@code filesystem-nio2} backend does, as {@code S3BucketIT} asserts: it returns ETags (the MD5, quoted),
 * honours {@code Range} (206; 416 for a range starting at or past the end), {@code If-Match} on GET (412),
 * {@code x-amz-copy-source-if-match} on CopyObject (412), {@code start-after}, {@code max-keys} and the {@code /}
 * delimiter of ListObjectsV2, and answers 404 NoSuchBucket, 404 NoSuchKey and 403 SignatureDoesNotMatch like S3.
 * What it does not do: regions (any region signs, never a 301 PermanentRedirect), throttling (never 503 SlowDown;
 * {@link S3FaultProxy} injects that) and hanging. The older {@code filesystem} backend (deprecated in s3proxy 2.6)
 * behaves the same except that a recursive listing also holds a zero-byte {@code dir/} entry for every directory
 * holding objects, which S3 does not; hence {@code filesystem-nio2}.
 */
public final class S3ProxyProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final String ACCESS_KEY = "s3proxy-test-access";
    private static final String SECRET_KEY = "s3proxy-test-secret-0123456789";

    private final Process process;
    private final int port;
    private final Path baseDir;
    private final Path logFile;
    private final S3Client client;
    private final Thread shutdownHook;

    private S3ProxyProcess(Process process, int port, Path baseDir, Path logFile) {
        this.process = process;
        this.port = port;
        this.baseDir = baseDir;
        this.logFile = logFile;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
        this.shutdownHook = new Thread(this::kill, "kill-s3proxy-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts an s3proxy of the caller's own; close it when done. */
    public static S3ProxyProcess start() {
        Path jar = jar();
        List<String> failures = new ArrayList<>();
        // A free port can be taken between probing and binding: retry on another one.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = SchemaRegistryProcess.logDirectory().resolve("s3proxy-" + port + ".log");
            Path baseDir;
            Path properties;
            try {
                baseDir = Files.createTempDirectory("s3proxy-data-");
                properties = writeProperties(port, baseDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Process process = launch(jar, properties, log);
            try {
                awaitReady(process, port);
                return new S3ProxyProcess(process, port, baseDir, log);
            } catch (NotReadyException e) {
                destroy(process);
                deleteTree(baseDir);
                failures.add("attempt " + attempt + " on port " + port + ": " + e.getMessage() + " (log: " + log + ")");
            }
        }
        throw new IllegalStateException("s3proxy did not start:\n  " + String.join("\n  ", failures));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public Path logFile() {
        return logFile;
    }

    /** A client of this store (path style, the test keys), for setting up and checking what the code under test sees. */
    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** Puts an object; returns its ETag as S3 sent it (quoted). */
    public String put(String bucket, String key, byte[] bytes) {
        PutObjectResponse response = client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return response.eTag();
    }

    public byte[] get(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** All keys under the prefix, in S3's order. */
    public List<String> keys(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            keys.add(object.key());
        }
        return keys;
    }

    public void delete(String bucket, String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        client.close();
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to unregister
        }
        deleteTree(baseDir);
    }

    private void kill() {
        destroy(process);
    }

    private static Path writeProperties(int port, Path baseDir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        // filesystem-nio2 rather than the deprecated "filesystem" backend, which lists a made-up "dir/" object for
        // every directory in recursive listings (see the class comment). It wants jclouds keys of its own too.
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        Path file = baseDirProperties(baseDir);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "s3proxy for integration tests");
        }
        return file;
    }

    private static Process launch(Path jar, Path properties, Path log) {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                // Its logback logs every request at info; warnings are enough for a test log.
                "-DLOG_LEVEL=warn",
                "-jar", jar.toString(),
                "--properties", properties.toString());
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + command, e);
        }
    }

    /** Ready once it answers HTTP at all (an unsigned request gets 403 AccessDenied). */
    private static void awaitReady(Process process, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String lastOutcome = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new NotReadyException("process exited with code " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 403 || response.statusCode() == 200) {
                    return;
                }
                lastOutcome = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastOutcome = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException("interrupted");
            }
            try {
                // Poll interval between probes, not a synchronization: readiness is the probe's answer.
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException("interrupted");
            }
        }
        throw new NotReadyException("not ready after " + STARTUP_TIMEOUT + ", last probe: " + lastOutcome);
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

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is no test failure
        }
        baseDirProperties(dir).toFile().delete();
    }

    private static Path baseDirProperties(Path baseDir) {
        return baseDir.resolveSibling(baseDir.getFileName() + ".properties");
    }

    private static Path jar() {
        String configured = System.getProperty("s3proxy.jar");
        Path jar = configured != null ? Paths.get(configured)
                : Paths.get(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "2.6.0",
                        "s3proxy-2.6.0-jar-with-dependencies.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy jar not found at " + jar.toAbsolutePath()
                    + ": run the ITs through Maven (`./mvnw verify`), whose pre-integration-test phase copies it,"
                    + " or set -Ds3proxy.jar");
        }
        return jar;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class NotReadyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReadyException(String message) {
            super(message);
        }
    }
}
