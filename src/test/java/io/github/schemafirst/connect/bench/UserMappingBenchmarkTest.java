package io.github.schemafirst.connect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeps the benchmark honest: one call of each operation, outside JMH, maps a real record. */
class UserMappingBenchmarkTest {

    @Test
    void generatedLinesVary() {
        byte[][] lines = UserLines.generate(CpuTimedBenchmark.RECORDS, 1L);
        Set<String> distinct = new HashSet<>();
        for (byte[] line : lines) {
            distinct.add(new String(line, StandardCharsets.UTF_8));
        }
        assertThat(distinct).hasSizeGreaterThan(CpuTimedBenchmark.RECORDS / 2);
        assertThat(Arrays.equals(lines[0], UserLines.generate(1, 1L)[0])).as("same seed, same lines").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"avro", "json-schema"})
    void mapReturnsAUserStruct(String schema) throws Exception {
        UserMappingBenchmark benchmark = benchmark(schema);
        Struct first = (Struct) benchmark.map();
        Struct second = (Struct) benchmark.map();
        assertThat(first.getString("name")).isNotEmpty();
        assertThat(first.getString("favorite_color")).isNotEmpty();
        assertThat(first.get("favorite_number")).isNotNull();
        assertThat(first).as("the input rotates").isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"avro", "json-schema"})
    void toSourceRecordIsKeyedByNameWithTheFileOffset(String schema) throws Exception {
        UserMappingBenchmark benchmark = benchmark(schema);
        SourceRecord record = benchmark.toSourceRecord();
        assertThat(record.topic()).isEqualTo("users");
        assertThat(record.key()).isEqualTo(((Struct) record.value()).getString("name"));
        // the offset of the first record points past it: line 2, one record read
        assertThat(record.sourceOffset().get("line")).isEqualTo(2L);
        assertThat(record.sourceOffset().get("index")).isEqualTo(1L);
    }

    private static UserMappingBenchmark benchmark(String schema) throws Exception {
        UserMappingBenchmark benchmark = new UserMappingBenchmark();
        benchmark.schema = schema;
        benchmark.setUp();
        return benchmark;
    }
}
