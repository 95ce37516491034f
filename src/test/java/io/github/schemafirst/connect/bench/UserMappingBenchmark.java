package io.github.schemafirst.connect.bench;

import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.file.FileOffset;
import io.github.schemafirst.connect.file.HeadFingerprint;
import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.KeyExtractor;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import io.github.schemafirst.connect.record.RecordMapper;
import io.github.schemafirst.connect.record.RecordMappers;
import io.github.schemafirst.connect.record.TimestampExtractor;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.DeclaredSchemaLoader;
import io.github.schemafirst.connect.schema.SchemaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the hot path, one {@code User} JSON line per operation, so ops/s is records/s on one core.
 * <ul>
 *   <li>{@link #map()}: {@code RawRecord} → {@link JsonRecordDecoder} → {@link RecordMapper#map} → {@code Struct}
 *       (parse, validate, build the Connect value);</li>
 *   <li>{@link #toSourceRecord()}: what a task does per record: the same plus key extraction
 *       ({@code key.field=name}), the file task's source offset ({@link FileOffset#toMap()}) and the
 *       {@code SourceRecord}, through {@link RecordPipeline#toSourceRecord}.</li>
 * </ul>
 * Records come from a pre-generated rotating array, as a reader would hand them out; reading and converting to
 * bytes for Kafka are not measured. Besides JMH's wall-clock score, each run prints a {@code [cpu]} line: records
 * per CPU-second of the benchmark thread (see {@link CpuTimePerRecord}). Run with {@code bench/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UserMappingBenchmark extends CpuTimedBenchmark {
    static final String FILE = "users.jsonl";

    @Param({"avro", "json-schema"})
    public String schema;

    private RawRecord[] records;
    private RecordDecoder decoder;
    private RecordMapper mapper;
    private RecordPipeline pipeline;
    private Map<String, ?> partition;
    private ReadPosition[] ends;
    private HeadFingerprint head;

    @Setup
    public void setUp() throws InvalidRecordException {
        SchemaType type = SchemaType.fromConfigValue(schema);
        String document = resource(type == SchemaType.AVRO ? "/bench/user.avsc" : "/bench/user.schema.json");
        DeclaredSchema declared = DeclaredSchemaLoader.load(document, null, type).orElseThrow();
        decoder = new JsonRecordDecoder();
        mapper = RecordMappers.forSchema(Optional.of(declared));
        pipeline = new RecordPipeline("users", mapper,
                KeyExtractor.forFields(List.of("name"), mapper.valueSchema()),
                TimestampExtractor.forField(Optional.empty(), mapper.valueSchema()),
                InvalidRecordPolicy.FAIL, null);
        partition = FileOffset.partition("/data/in/" + FILE);

        byte[][] lines = UserLines.generate(RECORDS, 20240917L);
        records = new RawRecord[RECORDS];
        ends = new ReadPosition[RECORDS];
        long byteOffset = 0;
        for (int i = 0; i < RECORDS; i++) {
            records[i] = new RawRecord(Position.line(FILE, i + 1), lines[i]);
            byteOffset += lines[i].length + 1;
            ends[i] = new ReadPosition(byteOffset, i + 2, i + 1);
        }
        // Past its first KiB the task reuses one fingerprint of the file's head for every offset.
        head = HeadFingerprint.of(new byte[HeadFingerprint.MAX_LENGTH], HeadFingerprint.MAX_LENGTH);
        // Fail the run up front if a record does not map: a benchmark of the error path would be meaningless.
        for (RawRecord raw : records) {
            Object value = mapper.map(decoder.decode(raw), raw.position());
            if (!(value instanceof Struct) || ((Struct) value).getString("name") == null) {
                throw new IllegalStateException(raw + " mapped to " + value);
            }
        }
    }

    /** Decode, validate and map one record; the Struct is returned so JMH consumes it. */
    @Benchmark
    public Object map() throws InvalidRecordException {
        RawRecord raw = records[nextIndex()];
        return mapper.map(decoder.decode(raw), raw.position());
    }

    /** One record as the file task emits it: mapped value, key, its own offset map and the SourceRecord. */
    @Benchmark
    public SourceRecord toSourceRecord() {
        int index = nextIndex();
        Map<String, Object> offset = new FileOffset(ends[index], head, FILE).toMap();
        return pipeline.toSourceRecord(records[index], decoder, partition, offset);
    }

    static String resource(String name) {
        try (InputStream in = UserMappingBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
