package io.github.schemafirst.connect.record.avro;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.schema.avro.AvroSchemaTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of the Avro path on the shared {@code User} schema: mapping a decoded record, and decoding plus
 * mapping. Not run by the build; run it with
 * {@link #main} on the test classpath (after {@code ./mvnw -o -q test-compile}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx512m")
public class AvroRecordMapperBenchmark {
    private static final Position POSITION = Position.line("users.jsonl", 1);
    private static final byte[] LINE = "{\"name\": \"Gildong-Hong\", \"favorite_number\": 18, \"favorite_color\": \"blue\"}"
            .getBytes(StandardCharsets.UTF_8);

    private AvroRecordMapper mapper;
    private JsonRecordDecoder decoder;
    private JsonNode decoded;

    @Setup
    public void setUp() throws IOException, InvalidRecordException {
        try (InputStream in = AvroRecordMapperBenchmark.class.getResourceAsStream("/schemas/user.avsc")) {
            mapper = new AvroRecordMapper(AvroSchemaTranslator.translate(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        decoder = new JsonRecordDecoder();
        decoded = decoder.decode(new RawRecord(POSITION, LINE));
    }

    @Benchmark
    public Object mapDecodedUser() throws InvalidRecordException {
        return mapper.map(decoded, POSITION);
    }

    @Benchmark
    public Object decodeAndMapUser() throws InvalidRecordException {
        return mapper.map(decoder.decode(new RawRecord(POSITION, LINE)), POSITION);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(AvroRecordMapperBenchmark.class.getSimpleName()).build()).run();
    }
}
