package io.github.schemafirst.connect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import io.github.schemafirst.connect.record.RecordMapper;
import io.github.schemafirst.connect.record.RecordMappers;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.DeclaredSchemaLoader;
import io.github.schemafirst.connect.schema.SchemaType;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a JSON Schema record's time goes, in ns per record: parsing the line ({@link #decode()}), validating the
 * tree with networknt ({@link #validate()}), and validating plus building the Struct from a parsed tree
 * ({@link #mapDecoded()}; minus {@code validate} gives the Struct building). Their sum is roughly
 * {@link UserMappingBenchmark#map()}. Run with {@code BENCHMARKS=JsonSchemaStagesBenchmark bench/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonSchemaStagesBenchmark extends CpuTimedBenchmark {
    private RawRecord[] records;
    private JsonNode[] trees;
    private RecordDecoder decoder;
    private JsonSchema validator;
    private RecordMapper mapper;

    @Setup
    public void setUp() throws InvalidRecordException {
        DeclaredSchema declared = DeclaredSchemaLoader.load(
                UserMappingBenchmark.resource("/bench/user.schema.json"), null, SchemaType.JSON_SCHEMA).orElseThrow();
        decoder = new JsonRecordDecoder();
        validator = declared.jsonSchemaValidator();
        mapper = RecordMappers.forSchema(Optional.of(declared));
        byte[][] lines = UserLines.generate(RECORDS, 20240917L);
        records = new RawRecord[RECORDS];
        trees = new JsonNode[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = new RawRecord(Position.line(UserMappingBenchmark.FILE, i + 1), lines[i]);
            trees[i] = decoder.decode(records[i]);
        }
    }

    @Benchmark
    public JsonNode decode() throws InvalidRecordException {
        return decoder.decode(records[nextIndex()]);
    }

    @Benchmark
    public Object validate() {
        return validator.validate(trees[nextIndex()]);
    }

    @Benchmark
    public Object mapDecoded() throws InvalidRecordException {
        int index = nextIndex();
        return mapper.map(trees[index], records[index].position());
    }
}
