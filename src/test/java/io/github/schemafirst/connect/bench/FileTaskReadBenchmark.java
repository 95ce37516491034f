package io.github.schemafirst.connect.bench;

import io.github.schemafirst.connect.file.FileSourceTask;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the file task spends per record on its read path: a {@link FileSourceTask} is started on a directory of
 * JSON Lines {@code User} files (the lines of {@link UserLines}), polled until it has handed out all
 * {@value #RECORDS} records, and stopped. One invocation reads every record, and JMH counts it as
 * {@value #RECORDS} operations, so every figure is per record: ops/s is records/s, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per record, including the task's share of its start (config,
 * schema, listing) and stop, spread over the records.
 *
 * <ul>
 *   <li>{@code files=1}: one file of {@value #RECORDS} lines: reading, parsing, mapping, offsets, the
 *       {@code SourceRecord};</li>
 *   <li>{@code files=10000}: the same records in 10,000 files of 10 lines: adds the listing, opening, fingerprinting
 *       and closing of each file, and the per-poll work over all known files.</li>
 * </ul>
 *
 * The task runs as in a worker with {@code tasks.max=1}: an empty offset store (every file is new), the Avro (or
 * JSON Schema) {@code user} document, {@code key.field=name}, {@code batch.max.records} at its default (2000),
 * {@code file.completed.action=none}, no source headers. Not measured: the worker's converter and producer, and
 * {@code commitRecord}. Run with {@code BENCHMARKS=FileTaskReadBenchmark bench/jmh.sh -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class FileTaskReadBenchmark extends CpuTimedBenchmark {
    static final int RECORDS = 100_000;

    @Param({"avro"})
    public String schema;

    /** How many files the {@value #RECORDS} records are spread over (it must divide them). */
    @Param({"1", "10000"})
    public int files;

    private Path dir;
    private Map<String, String> config;
    private SourceTaskContext context;

    @Setup
    public void setUp() throws IOException {
        if (RECORDS % files != 0) {
            throw new IllegalArgumentException("files=" + files + " does not divide " + RECORDS);
        }
        Path root = Files.createTempDirectory("file-task-bench");
        dir = Files.createDirectory(root.resolve("in"));
        boolean avro = "avro".equals(schema);
        Path schemaFile = root.resolve(avro ? "user.avsc" : "user.schema.json");
        Files.writeString(schemaFile, UserMappingBenchmark.resource(avro ? "/bench/user.avsc"
                : "/bench/user.schema.json"));
        byte[][] lines = UserLines.generate(RECORDS, 20240917L);
        int perFile = RECORDS / files;
        long oldest = System.currentTimeMillis() - 3_600_000L;
        for (int f = 0; f < files; f++) {
            Path file = dir.resolve(String.format("users-%05d.jsonl", f));
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = f * perFile; i < (f + 1) * perFile; i++) {
                    out.write(lines[i]);
                    out.write('\n');
                }
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(oldest + f)); // oldest first, as bench/files.sh
        }
        config = new HashMap<>();
        config.put("topic", "users");
        config.put("file.path", dir.toString());
        config.put("file.pattern", "*.jsonl");
        config.put("file.format", "jsonl");
        config.put("value.schema.file", schemaFile.toString());
        config.put("value.schema.type", avro ? "avro" : "json-schema");
        config.put("key.field", "name");
        // one listing, at the first poll: every later poll reads
        config.put("file.poll.interval.ms", "3600000");
        context = new EmptyContext(config);

        // Fail the run up front if the task does not hand out every record, mapped.
        List<SourceRecord> first = readAll(null);
        Object value = first.get(0).value();
        if (!(value instanceof Struct) || ((Struct) value).getString("name") == null) {
            throw new IllegalStateException("the first record mapped to " + value);
        }
    }

    @TearDown
    public void deleteFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir.getParent())) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Start a task, poll it until it has handed out every record, stop it. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void readDirectory(Blackhole blackhole) {
        readAll(blackhole);
        countRecords(RECORDS);
    }

    /** @return the first batch (setup's check), or null when {@code blackhole} consumes them */
    private List<SourceRecord> readAll(Blackhole blackhole) {
        FileSourceTask task = new FileSourceTask();
        task.initialize(context);
        task.start(config);
        List<SourceRecord> first = null;
        try {
            int read = 0;
            int emptyPolls = 0;
            while (read < RECORDS) {
                List<SourceRecord> batch = task.poll();
                if (batch == null || batch.isEmpty()) {
                    if (++emptyPolls > 100) {
                        throw new IllegalStateException("the task handed out " + read + " of " + RECORDS
                                + " records, then nothing in 100 polls");
                    }
                    continue;
                }
                emptyPolls = 0;
                read += batch.size();
                if (blackhole != null) {
                    blackhole.consume(batch);
                } else if (first == null) {
                    first = batch;
                }
            }
            if (read != RECORDS) {
                throw new IllegalStateException("read " + read + " records, expected " + RECORDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            task.stop();
        }
        return first;
    }

    /** The worker's part: the task's config, an offset store that holds nothing, no plugin metrics. */
    private static final class EmptyContext implements SourceTaskContext, OffsetStorageReader {
        private final Map<String, String> config;

        EmptyContext(Map<String, String> config) {
            this.config = config;
        }

        @Override
        public Map<String, String> configs() {
            return config;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return this;
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return null;
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            return Map.of();
        }
    }
}
