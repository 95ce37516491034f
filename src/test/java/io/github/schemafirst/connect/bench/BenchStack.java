package io.github.schemafirst.connect.bench;

import io.github.schemafirst.connect.it.AvroWireDecoder;
import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.SchemaRegistryProcess;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the end-to-end benchmarks share: one broker and one distributed worker in this JVM (the test kit's
 * {@link ConnectStack}), the Apicurio registry as a child process, an {@link EndOffsetWatcher}, the {@code User}
 * schema file, and one measured connector run: create the connector, wait until its topic holds the expected
 * records, check the first Avro record independently.
 */
final class BenchStack implements AutoCloseable {

    static final String FILE_CONNECTOR = "io.github.schemafirst.connect.file.FileSourceConnector";
    /** The two producer settings of the "tuned" rows, as {@code producer.override.*} in a connector config. */
    static final Map<String, String> TUNED_PRODUCER = Map.of("batch.size", "262144", "linger.ms", "20");

    private final ConnectStack connect;
    private final SchemaRegistryProcess registry;
    private final EndOffsetWatcher watcher;
    private final Path schemaFile;

    private BenchStack(ConnectStack connect, SchemaRegistryProcess registry, Path schemaFile) {
        this.connect = connect;
        this.registry = registry;
        this.schemaFile = schemaFile;
        this.watcher = new EndOffsetWatcher(connect.bootstrapServers());
    }

    /** The shared {@code user.avsc} every benchmark writes and reads. */
    static String userSchemaText() {
        try (InputStream in = BenchStack.class.getResourceAsStream("/schemas/user.avsc")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema userSchema() {
        return new Schema.Parser().parse(userSchemaText());
    }

    /**
     * Writes {@code workDir/user.avsc}, starts the registry (in the background) and the broker and worker with the
     * worker's own {@code offset.flush.interval.ms} (60 s; the test stack's 1 s is for restart tests, not for
     * throughput) plus {@code workerProps}. On failure whatever started is stopped.
     */
    static BenchStack start(Path workDir, Map<String, String> workerProps) throws IOException {
        Path schemaFile = workDir.resolve("user.avsc");
        Files.writeString(schemaFile, userSchemaText());
        CompletableFuture<SchemaRegistryProcess> registryStart =
                CompletableFuture.supplyAsync(SchemaRegistryProcess::start);
        ConnectStack connect = null;
        try {
            ConnectStack.Builder builder = ConnectStack.builder().workerProp("offset.flush.interval.ms", "60000");
            workerProps.forEach(builder::workerProp);
            connect = builder.build().start();
            return new BenchStack(connect, registryStart.join(), schemaFile);
        } catch (RuntimeException | Error e) {
            if (connect != null) {
                stopQuietly(connect);
            }
            // the registry may still be starting: kill it whenever it is up
            registryStart.thenAccept(SchemaRegistryProcess::close);
            throw e;
        }
    }

    ConnectStack connect() {
        return connect;
    }

    SchemaRegistryProcess registry() {
        return registry;
    }

    EndOffsetWatcher watcher() {
        return watcher;
    }

    Path schemaFile() {
        return schemaFile;
    }

    /** The file connector reading {@code pattern} in {@code inputDir} as JSON lines of the declared {@code User}. */
    Map<String, String> fileConfig(Path inputDir, String pattern, Map<String, String> converter,
                                   Integer batchMaxRecords) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", FILE_CONNECTOR);
        config.put("value.schema.file", schemaFile.toString());
        config.put("file.path", inputDir.toString());
        config.put("file.pattern", pattern);
        config.put("file.format", "jsonl");
        config.put("read.ahead.enabled", System.getProperty("bench.read.ahead", "true"));
        if (batchMaxRecords != null) {
            config.put("batch.max.records", batchMaxRecords.toString());
        }
        config.putAll(converter);
        return config;
    }

    /** Apicurio's AvroConverter registering the schema by content (the {@code avro} scenarios). */
    Map<String, String> avroAutoRegister() {
        return ConverterConfigs.apicurioAvro(registry);
    }

    /** Apicurio's AvroConverter using the latest registered schema of the subject, as with use.latest.version. */
    Map<String, String> avroFindLatest() {
        Map<String, String> converter = new LinkedHashMap<>(ConverterConfigs.apicurioAvro(registry));
        converter.put("value.converter.apicurio.registry.auto-register", "false");
        converter.put("value.converter.apicurio.registry.find-latest", "true");
        return converter;
    }

    /** When a measured run started (System.nanoTime) and how it went. */
    record Run(String connector, long startNanos, EndOffsetWatcher.Progress progress) {
        double seconds() {
            return (progress.reachedNanos() - startNanos) / 1e9;
        }

        /** Seconds until the first record was on the topic, or -1 when none was seen. */
        double firstRecordSeconds() {
            return progress.firstRecordNanos() < 0 ? -1 : (progress.firstRecordNanos() - startNanos) / 1e9;
        }
    }

    /**
     * Creates a new one-partition {@code topic}, (optionally) registers {@code user.avsc} under
     * {@code <topic>-value}, starts connector {@code <topic>-connector} from {@code base} with {@code tasks.max=1}
     * (and the tuned producer overrides), and waits until the topic's end offset reaches {@code count}. The clock
     * starts when the connector is created. With an AvroConverter the first record must then decode (with the
     * writer schema the registry holds for its id) to a record {@code firstRecordCheck} accepts (it returns null,
     * or what is wrong), or the run is marked failed. The connector is left running: see {@link #deleteConnector}.
     */
    Run runConnector(String topic, Map<String, String> base, boolean tuned, boolean registerSchema, long count,
                     Function<GenericRecord, String> firstRecordCheck) throws InterruptedException {
        watcher.createTopic(topic);
        if (registerSchema) {
            try {
                registry.client().register(topic + "-value", "AVRO", Files.readString(schemaFile));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String name = topic + "-connector";
        Map<String, String> config = new LinkedHashMap<>(base);
        config.put("name", name);
        config.put("tasks.max", "1");
        config.put("topic", topic);
        if (tuned) {
            TUNED_PRODUCER.forEach((key, value) -> config.put("producer.override." + key, value));
        }
        long start = System.nanoTime();
        connect.configureConnector(name, config);
        EndOffsetWatcher.Progress progress = watcher.await(topic, count, timeout(count), () -> failedTasks(name));
        if (progress.reached() && String.valueOf(config.get("value.converter")).endsWith("AvroConverter")) {
            progress = checkFirstAvroRecord(topic, progress, firstRecordCheck);
        }
        return new Run(name, start, progress);
    }

    /** Deletes a connector; a failure to do so is printed, not thrown (the measurement is already taken). */
    void deleteConnector(String name) {
        try {
            connect.deleteConnector(name);
        } catch (AssertionError | RuntimeException e) {
            System.out.println("[bench] could not delete " + name + ": " + e.getMessage());
        }
    }

    /** A first-record check: the record's name is {@code expected}. */
    static Function<GenericRecord, String> nameIs(String expected) {
        return record -> {
            Object name = record.get("name");
            return expected.equals(String.valueOf(name)) ? null
                    : "first record decodes to name " + name + ", expected " + expected;
        };
    }

    /**
     * A fast wrong answer is no answer: the first record must decode, with the writer schema the registry holds
     * for its id, to a record the check accepts.
     */
    private EndOffsetWatcher.Progress checkFirstAvroRecord(String topic, EndOffsetWatcher.Progress progress,
                                                           Function<GenericRecord, String> check) {
        String failure;
        try {
            byte[] value = connect.consume(topic, 1).get(0).value();
            failure = check.apply(new AvroWireDecoder(registry.client()).decode(value).record());
        } catch (RuntimeException | AssertionError e) {
            failure = "first record does not decode: " + e;
        }
        return failure == null ? progress : new EndOffsetWatcher.Progress(progress.firstRecordNanos(),
                progress.reachedNanos(), progress.endOffset(), failure);
    }

    private Optional<String> failedTasks(String name) {
        try {
            ConnectorStateInfo status = connect.status(name);
            if ("FAILED".equals(status.connector().state())) {
                return Optional.of("connector FAILED: " + firstLine(status.connector().trace()));
            }
            return status.tasks().stream()
                    .filter(task -> "FAILED".equals(task.state()))
                    .findFirst()
                    .map(task -> "task " + task.id() + " FAILED: " + firstLine(task.trace()));
        } catch (RuntimeException e) {
            return Optional.empty(); // status not there yet: the connector is still being created
        }
    }

    static Duration timeout(long count) {
        // generous: even 5,000 records/s finishes; a stuck scenario fails instead of hanging the run
        return Duration.ofSeconds(Math.max(120, count / 5_000));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no trace)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        watcher.close();
        stopQuietly(connect);
        registry.close();
    }

    private static void stopQuietly(ConnectStack connect) {
        try {
            connect.close();
        } catch (RuntimeException e) {
            System.out.println("[bench] stopping the Connect stack: " + e);
        }
    }
}
