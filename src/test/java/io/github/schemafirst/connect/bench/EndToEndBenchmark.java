package io.github.schemafirst.connect.bench;

import io.github.schemafirst.connect.it.ConverterConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * End-to-end throughput of the file (and, when present, HTTP) connector through the embedded Connect worker and
 * the Avro converter, beside the broker's raw producer throughput for the same serialized bytes and Kafka's
 * {@code FileStreamSourceConnector} on the same file, all in one run against one broker, worker and registry.
 *
 * <p>A benchmark, not a test: run it with {@code bench/e2e.sh [N]} (see {@code docs/benchmarks-e2e.md}). Each
 * scenario writes to its own one-partition topic and is timed from connector start (or the first send) until the
 * topic's end offset reaches its record count. Every scenario runs with the worker's (or client's) producer
 * defaults and with {@code batch.size=262144}, {@code linger.ms=20}; ratios compare with the raw producer on the
 * same settings.
 *
 * <p>System properties: {@code bench.scenarios} (comma list of {@code raw,filestream,lines,avro,avro-latest,json,http,http-latest};
 * default all; {@code avro-latest} is the Avro converter with a pre-registered schema and {@code find-latest}), {@code bench.batch.max.records} (values of {@code batch.max.records} tried with the tuned producer;
 * default {@code 2000,5000,10000}), {@code bench.http.records} (default N), {@code bench.warmup} (default
 * true: a short unreported pass of every scenario first, so no row pays for JIT compilation alone), {@code
 * bench.http.key.field} and {@code bench.http.prefetch} (the HTTP scenarios' key.field and prefetch), {@code
 * bench.read.ahead} (read.ahead.enabled for the file and HTTP scenarios, default true),
 * {@code bench.dir} (work directory, default {@code target/e2e-bench}).
 */
public final class EndToEndBenchmark {

    static final String HTTP_CONNECTOR = "io.github.schemafirst.connect.http.HttpSourceConnector";
    private static final String FILE_STREAM_CONNECTOR = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    private static final int RAW_PAYLOAD_POOL = 100_000;
    private static final int HTTP_PAGE_SIZE = 1_000;
    private static final long WARMUP_RECORDS = 100_000;

    private final long records;
    private final Set<String> scenarios;
    private final List<Integer> batchMaxRecords;
    private final long httpRecords;
    private final Path workDir;
    private final List<ScenarioResult> results = new ArrayList<>();
    private final boolean httpAvailable;

    private UserGenerator users;
    private BenchStack stack;
    private int topicCounter;
    private boolean reporting;

    private EndToEndBenchmark(long records) {
        this.records = records;
        this.scenarios = Arrays.stream(System.getProperty("bench.scenarios", "raw,filestream,lines,avro,avro-latest,json,http,http-latest")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        this.batchMaxRecords = Arrays.stream(System.getProperty("bench.batch.max.records", "2000,5000,10000")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .collect(Collectors.toList());
        this.httpRecords = Long.getLong("bench.http.records", records);
        this.workDir = Paths.get(System.getProperty("bench.dir", "target/e2e-bench")).toAbsolutePath();
        this.httpAvailable = isOnClasspath(HTTP_CONNECTOR);
    }

    public static void main(String[] args) {
        long records = args.length > 0 ? Long.parseLong(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        int status;
        try {
            status = new EndToEndBenchmark(records).run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 2;
        }
        // The test kit and clients leave non-daemon threads behind on some failures: never hang the shell.
        System.exit(status);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        users = new UserGenerator(BenchStack.userSchema());

        Path inputDir = Files.createDirectories(workDir.resolve("input"));
        Path input = inputDir.resolve("users.jsonl");
        long fileBytes = users.writeJsonLines(input, records);
        Path warmupDir = Files.createDirectories(workDir.resolve("warmup"));
        Path warmupInput = warmupDir.resolve("users.jsonl");
        long warmupBytes = users.writeJsonLines(warmupInput, Math.min(WARMUP_RECORDS, records));
        System.out.printf(Locale.ROOT, "[e2e] %,d users, %s: %,d bytes (%.1f MB, %.1f bytes/record)%n", records,
                input, fileBytes, fileBytes / 1e6, (double) fileBytes / records);
        System.out.printf(Locale.ROOT, "[e2e] %d cores, max heap %d MB, HTTP connector %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                httpAvailable ? "available" : "not available");

        try {
            stack = BenchStack.start(workDir, Map.of());
            System.out.printf(Locale.ROOT, "[e2e] stack up in %.1f s (registry %.1f s)%n",
                    stack.connect().startupTime().toMillis() / 1e3, stack.registry().startupTime().toMillis() / 1e3);

            if (Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
                long warmupStarted = System.nanoTime();
                reporting = false;
                runAll(warmupDir, Math.min(WARMUP_RECORDS, records), warmupBytes, true);
                System.out.printf(Locale.ROOT, "[e2e] warm-up (%,d records per scenario) took %.1f s%n",
                        Math.min(WARMUP_RECORDS, records), (System.nanoTime() - warmupStarted) / 1e9);
            }
            reporting = true;
            runAll(inputDir, records, fileBytes, false);
        } finally {
            if (stack != null) {
                stack.close();
            }
            Files.deleteIfExists(input);
            Files.deleteIfExists(warmupInput);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "End-to-end throughput, %,d User records, input file %,d bytes (%.1f MB); "
                + "MB = 10^6 bytes of input (file or HTTP body bytes; value bytes for the raw producer)%n%n",
                records, fileBytes, fileBytes / 1e6);
        System.out.print(ResultTable.render(results));
        System.out.printf(Locale.ROOT, "%nTotal wall time %.0f s%n", (System.nanoTime() - started) / 1e9);
        return results.stream().anyMatch(r -> r.failure() != null) ? 1 : 0;
    }

    private void runAll(Path inputDir, long count, long fileBytes, boolean warmup) throws Exception {
        Path input = inputDir.resolve("users.jsonl");
        if (scenarios.contains("raw")) {
            rawProducer(count, false);
            rawProducer(count, true);
        }
        if (scenarios.contains("filestream")) {
            for (boolean tuned : new boolean[] {false, true}) {
                Map<String, String> config = new LinkedHashMap<>();
                config.put("connector.class", FILE_STREAM_CONNECTOR);
                config.put("file", input.toString());
                config.putAll(ConverterConfigs.string());
                connector("Kafka FileStreamSource, StringConverter", tuned, config, count, fileBytes);
            }
        }
        if (scenarios.contains("lines")) {
            // the same work as FileStreamSource (lines as strings, no schema): the connector's own cost alone
            Map<String, String> config = fileConfig(inputDir, ConverterConfigs.string(), null);
            config.remove("value.schema.file");
            config.put("file.format", "lines");
            connector("schemafirst file lines (no schema), StringConverter, batch.max.records=2000", true, config,
                    count, fileBytes);
        }
        if (scenarios.contains("avro")) {
            connector("schemafirst file jsonl, AvroConverter, batch.max.records=2000 (default)", false,
                    fileConfig(inputDir, stack.avroAutoRegister(), null), count, fileBytes);
            for (int batch : warmup ? List.of(batchMaxRecords.get(0)) : batchMaxRecords) {
                connector("schemafirst file jsonl, AvroConverter, batch.max.records=" + batch, true,
                        fileConfig(inputDir, stack.avroAutoRegister(), batch), count, fileBytes);
            }
        }
        if (scenarios.contains("avro-latest")) {
            // the converter looks the schema up by artifact (cached) instead of registering it by content
            connector("schemafirst file jsonl, AvroConverter find-latest (pre-registered), batch.max.records=2000",
                    true, fileConfig(inputDir, stack.avroFindLatest(), null), count, fileBytes, true);
        }
        if (scenarios.contains("json")) {
            connector("schemafirst file jsonl, JsonConverter (schemas.enable=false), batch.max.records=2000", true,
                    fileConfig(inputDir, ConverterConfigs.schemalessJson(), null), count, fileBytes);
        }
        if (scenarios.contains("http")) {
            if (!httpAvailable) {
                if (!warmup) {
                    System.out.println("[e2e] HTTP scenario skipped: HTTP connector not available ("
                            + HTTP_CONNECTOR + " is not on the classpath)");
                }
            } else {
                long httpCount = warmup ? Math.min(WARMUP_RECORDS, httpRecords) : httpRecords;
                for (boolean tuned : new boolean[] {false, true}) {
                    http(httpCount, tuned, false);
                }
            }
        }
        if (scenarios.contains("http-latest") && httpAvailable) {
            for (boolean tuned : warmup ? new boolean[] {true} : new boolean[] {false, true}) {
                http(warmup ? Math.min(WARMUP_RECORDS, httpRecords) : httpRecords, tuned, true);
            }
        }
    }

    // ---- scenarios ----------------------------------------------------------------------------------------

    private void rawProducer(long count, boolean tuned) throws InterruptedException {
        String topic = newTopic("raw");
        stack.watcher().createTopic(topic);
        int pool = (int) Math.min(RAW_PAYLOAD_POOL, count);
        byte[][] values = users.avroValues(pool, 1);
        long bytes = 0;
        for (long i = 0; i < count; i++) {
            bytes += values[(int) (i % pool)].length;
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.connect().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        if (tuned) {
            props.putAll(BenchStack.TUNED_PRODUCER);
        }
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long start = System.nanoTime();
            for (long i = 0; i < count && sendFailure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, null, values[(int) (i % pool)]), (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
            }
            EndOffsetWatcher.Progress progress = stack.watcher().await(topic, count, BenchStack.timeout(count),
                    () -> Optional.ofNullable(sendFailure.get()).map(Exception::toString));
            // the watcher starts only once every record is handed to send(): its first sighting means nothing
            progress = new EndOffsetWatcher.Progress(-1, progress.reachedNanos(), progress.endOffset(),
                    progress.failure());
            record(ResultTable.RAW_PRODUCER, tuned, start, progress, bytes);
        }
    }

    private Map<String, String> fileConfig(Path inputDir, Map<String, String> converter, Integer batchMaxRecords) {
        return stack.fileConfig(inputDir, "users.jsonl", converter, batchMaxRecords);
    }

    /** @param findLatest Apicurio's converter with a pre-registered schema and find-latest, as for avro-latest */
    private void http(long count, boolean tuned, boolean findLatest) throws Exception {
        try (UserPagesServer server = new UserPagesServer(users, count, HTTP_PAGE_SIZE)) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", HTTP_CONNECTOR);
            config.put("value.schema.file", stack.schemaFile().toString());
            config.put("http.url", server.firstPageUrl());
            config.put("http.records.pointer", "/records");
            config.put("http.pagination.type", "next-url");
            config.put("http.pagination.next.url.pointer", "/next");
            // one pass over the pages is measured: the next cycle must not start during the run
            config.put("http.poll.interval.ms", "3600000");
            String keyField = System.getProperty("bench.http.key.field", "");
            if (!keyField.isEmpty()) {
                config.put("key.field", keyField);
            }
            config.put("http.pagination.prefetch.enabled", System.getProperty("bench.http.prefetch", "true"));
            config.put("read.ahead.enabled", System.getProperty("bench.read.ahead", "true"));
            config.putAll(findLatest ? stack.avroFindLatest() : stack.avroAutoRegister());
            connector("schemafirst HTTP next-url, pages of " + HTTP_PAGE_SIZE + ", AvroConverter"
                    + (findLatest ? " find-latest (pre-registered)" : "")
                    + (config.containsKey("key.field") ? ", key.field=" + config.get("key.field") : "")
                    + ("false".equals(config.get("http.pagination.prefetch.enabled")) ? ", no prefetch" : ""),
                    tuned, config,
                    count, server::servedBytes, findLatest);
        }
    }

    private void connector(String scenario, boolean tuned, Map<String, String> base, long count, long inputBytes)
            throws InterruptedException {
        connector(scenario, tuned, base, count, () -> inputBytes, false);
    }

    private void connector(String scenario, boolean tuned, Map<String, String> base, long count, long inputBytes,
                           boolean registerSchema) throws InterruptedException {
        connector(scenario, tuned, base, count, () -> inputBytes, registerSchema);
    }

    private void connector(String scenario, boolean tuned, Map<String, String> base, long count,
                           java.util.function.LongSupplier inputBytes, boolean registerSchema)
            throws InterruptedException {
        BenchStack.Run run = stack.runConnector(newTopic("e2e"), base, tuned, registerSchema, count,
                BenchStack.nameIs(users.name(0)));
        record(scenario, tuned, run.startNanos(), run.progress(), inputBytes.getAsLong());
        stack.deleteConnector(run.connector());
    }

    // ---- bookkeeping --------------------------------------------------------------------------------------

    private void record(String scenario, boolean tuned, long startNanos, EndOffsetWatcher.Progress progress,
                        long bytes) {
        double seconds = (progress.reachedNanos() - startNanos) / 1e9;
        double first = progress.firstRecordNanos() < 0 ? -1 : (progress.firstRecordNanos() - startNanos) / 1e9;
        ScenarioResult result = new ScenarioResult(scenario, tuned, progress.endOffset(), seconds, first, bytes,
                progress.failure());
        String line = result.failure() == null
                ? String.format(Locale.ROOT, "%,d records in %.2f s (first after %.2f s): %,.0f records/s, %.1f MB/s",
                result.records(), seconds, first, result.recordsPerSecond(), result.megabytesPerSecond())
                : "FAILED after " + String.format(Locale.ROOT, "%.1f s", seconds) + ": " + result.failure();
        // the start time lets a profile (JFR) be cut to one scenario's window
        String started = java.time.LocalTime.now().minusNanos(System.nanoTime() - startNanos)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        System.out.printf("[e2e]%s %s [%s], started %s: %s%n", reporting ? "" : " (warm-up)", scenario,
                result.producer(), started, line);
        if (reporting) {
            results.add(result);
        }
    }

    private String newTopic(String kind) {
        return "bench-" + kind + "-" + (reporting ? "" : "warmup-") + (++topicCounter);
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, EndToEndBenchmark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
