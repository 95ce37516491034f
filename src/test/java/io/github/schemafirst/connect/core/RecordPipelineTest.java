package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.KeyExtractor;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordMapper;
import io.github.schemafirst.connect.record.RecordMappers;
import io.github.schemafirst.connect.record.TextRecordDecoder;
import io.github.schemafirst.connect.record.TimestampExtractor;
import io.github.schemafirst.connect.schema.avro.AvroSchemaTranslator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordPipelineTest {
    private static final String EVENT_AVSC = "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"com.example\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"region\",\"type\":\"string\"},"
            + "{\"name\":\"at\",\"type\":\"string\"}]}";
    private static final Map<String, ?> PARTITION = Map.of("file.key", "1:2");
    private static final Map<String, ?> OFFSET = Map.of("position", 10L);

    private final RecordMapper mapper =
            RecordMappers.forSchema(Optional.of(AvroSchemaTranslator.translate(EVENT_AVSC)));

    private RecordPipeline pipeline(List<String> keys, String timestampField, InvalidRecordPolicy policy) {
        return new RecordPipeline("events", mapper, KeyExtractor.forFields(keys, mapper.valueSchema()),
                TimestampExtractor.forField(Optional.ofNullable(timestampField), mapper.valueSchema()), policy,
                policy == InvalidRecordPolicy.DEAD_LETTER ? "events-dlq" : null);
    }

    private static RawRecord raw(String text, long line) {
        return new RawRecord(Position.line("events.jsonl", line), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validRecordCarriesPartitionOffsetKeyAndTimestamp() {
        SourceRecord record = pipeline(List.of("id"), "at", InvalidRecordPolicy.FAIL).toSourceRecord(
                raw("{\"id\":7,\"region\":\"eu\",\"at\":\"2024-05-01T12:00:00Z\"}", 1), new JsonRecordDecoder(),
                PARTITION, OFFSET);
        assertThat(record.topic()).isEqualTo("events");
        assertThat(record.sourcePartition()).isEqualTo(PARTITION);
        assertThat(record.sourceOffset()).isEqualTo(OFFSET);
        assertThat(record.keySchema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(record.key()).isEqualTo(7L);
        assertThat(record.timestamp()).isEqualTo(1714564800000L);
        assertThat(((Struct) record.value()).getString("region")).isEqualTo("eu");
    }

    @Test
    void recordsCarryNoHeadersUnlessSourceHeadersAreOn() {
        SourceRecord plain = pipeline(List.of(), null, InvalidRecordPolicy.FAIL).toSourceRecord(
                raw("{\"id\":7,\"region\":\"eu\",\"at\":\"x\"}", 1), new JsonRecordDecoder(), PARTITION, OFFSET);
        assertThat(plain.headers()).isEmpty();

        RecordPipeline withHeaders = new RecordPipeline("events", mapper, KeyExtractor.forFields(List.of(),
                mapper.valueSchema()), TimestampExtractor.forField(Optional.empty(), mapper.valueSchema()),
                InvalidRecordPolicy.FAIL, null, "events-file");
        RawRecord located = new RawRecord(Position.line("2026/events.jsonl", 4, 312),
                "{\"id\":7,\"region\":\"eu\",\"at\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        SourceRecord record = withHeaders.toSourceRecord(located, new JsonRecordDecoder(), PARTITION, OFFSET);

        assertThat(record.headers().lastWithName(RecordPipeline.HEADER_CONNECTOR).value()).isEqualTo("events-file");
        assertThat(record.headers().lastWithName(RecordPipeline.HEADER_SOURCE).value()).isEqualTo("2026/events.jsonl");
        assertThat(record.headers().lastWithName(RecordPipeline.HEADER_POSITION).value())
                .isEqualTo("2026/events.jsonl:4");
        assertThat(record.headers().lastWithName(RecordPipeline.HEADER_BYTE_OFFSET).value()).isEqualTo(312L);
        SourceRecord fromApi = withHeaders.toSourceRecord(new RawRecord(Position.item("https://api/x?page=2", 3),
                "{\"id\":7,\"region\":\"eu\",\"at\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                new JsonRecordDecoder(), PARTITION, OFFSET);
        assertThat(fromApi.headers().lastWithName(RecordPipeline.HEADER_POSITION).value())
                .isEqualTo("https://api/x?page=2#3");
        assertThat(fromApi.headers().lastWithName(RecordPipeline.HEADER_BYTE_OFFSET)).isNull();
    }

    @Test
    void afterTheFirstFewInvalidRecordsASummaryCountsTheRestOncePerInterval() {
        RecordPipeline skipping = pipeline(List.of(), null, InvalidRecordPolicy.SKIP);
        int total = RecordPipeline.INVALID_LOGGED_SINGLY + 7;
        for (int line = 1; line <= total; line++) {
            assertThat(skipping.toSourceRecord(raw("{\"id\":\"x\"}", line), new JsonRecordDecoder(), PARTITION,
                    OFFSET)).isNull();
        }
        long now = System.currentTimeMillis();
        assertThat(skipping.invalidRecordSummary(now)).as("not before the interval").isNull();

        String summary = skipping.invalidRecordSummary(now + RecordPipeline.SUMMARY_INTERVAL_MILLIS + 1);
        assertThat(summary).startsWith("7 more invalid record(s) skipped in the last ")
                .contains("(" + total + " skipped, 0 dead-lettered since the task started)")
                .endsWith("the last: events.jsonl:" + total + " /id: expected long, got \"x\"");
        assertThat(skipping.invalidRecordSummary(now + 10 * RecordPipeline.SUMMARY_INTERVAL_MILLIS))
                .as("nothing new since").isNull();
        assertThat(skipping.skippedCount()).isEqualTo(total);
    }

    @Test
    void severalKeyFieldsMakeAStructKey() {
        SourceRecord record = pipeline(List.of("region", "id"), null, InvalidRecordPolicy.FAIL).toSourceRecord(
                raw("{\"id\":7,\"region\":\"eu\",\"at\":\"x\"}", 1), new JsonRecordDecoder(), PARTITION, OFFSET);
        Struct key = (Struct) record.key();
        assertThat(key.schema().name()).isEqualTo("com.example.EventKey");
        assertThat(key.schema().fields()).extracting(f -> f.name()).containsExactly("region", "id");
        assertThat(key.getString("region")).isEqualTo("eu");
        assertThat(key.getInt64("id")).isEqualTo(7L);
        assertThat(record.timestamp()).isNull();
    }

    @Test
    void failPolicyStopsWithPositionFieldExpectedAndActual() {
        assertThatThrownBy(() -> pipeline(List.of(), null, InvalidRecordPolicy.FAIL).toSourceRecord(
                raw("{\"id\":\"seven\",\"region\":\"eu\",\"at\":\"x\"}", 17), new JsonRecordDecoder(), PARTITION,
                OFFSET))
                .isInstanceOf(InvalidRecordFailure.class)
                .hasMessage("Invalid record (invalid.record.policy=fail): events.jsonl:17 /id: expected long, "
                        + "got \"seven\"");
    }

    @Test
    void skipPolicyReturnsNothingAndCounts() {
        RecordPipeline pipeline = pipeline(List.of(), null, InvalidRecordPolicy.SKIP);
        assertThat(pipeline.toSourceRecord(raw("{\"id\":1", 3), new JsonRecordDecoder(), PARTITION, OFFSET)).isNull();
        assertThat(pipeline.toSourceRecord(raw("[]", 4), new JsonRecordDecoder(), PARTITION, OFFSET)).isNull();
        assertThat(pipeline.skippedCount()).isEqualTo(2);
    }

    @Test
    void deadLetterKeepsTheOriginalTextAndNamesSourcePositionAndError() {
        RecordPipeline pipeline = pipeline(List.of("id"), null, InvalidRecordPolicy.DEAD_LETTER);
        String original = "{\"id\":1,\"region\":null,\"at\":\"x\"}";
        SourceRecord dead = pipeline.toSourceRecord(raw(original, 5), new JsonRecordDecoder(), PARTITION, OFFSET);
        assertThat(dead.topic()).isEqualTo("events-dlq");
        assertThat(dead.sourceOffset()).isEqualTo(OFFSET);
        assertThat(dead.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(dead.value()).isEqualTo(original);
        assertThat(dead.key()).isNull();
        assertThat(header(dead, RecordPipeline.HEADER_SOURCE)).isEqualTo("events.jsonl");
        assertThat(header(dead, RecordPipeline.HEADER_POSITION)).isEqualTo("events.jsonl:5");
        assertThat(header(dead, RecordPipeline.HEADER_FIELD)).isEqualTo("/region");
        assertThat(header(dead, RecordPipeline.HEADER_ERROR))
                .isEqualTo("events.jsonl:5 /region: expected string, got null");
        assertThat(pipeline.deadLetteredCount()).isEqualTo(1);
    }

    @Test
    void deadLetterOfInvalidUtf8KeepsTheExactBytes() {
        RecordPipeline pipeline = new RecordPipeline("lines", RecordMappers.forSchema(Optional.empty()),
                KeyExtractor.forFields(List.of(), Schema.STRING_SCHEMA),
                TimestampExtractor.forField(Optional.empty(), Schema.STRING_SCHEMA), InvalidRecordPolicy.DEAD_LETTER,
                "lines-dlq");
        byte[] bytes = {'a', (byte) 0xC3, (byte) 0x28};
        SourceRecord dead = pipeline.toSourceRecord(new RawRecord(Position.line("x.txt", 2), bytes),
                new TextRecordDecoder(), PARTITION, OFFSET);
        assertThat(dead.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat((byte[]) dead.value()).containsExactly(bytes);
        assertThat(header(dead, RecordPipeline.HEADER_ERROR))
                .isEqualTo("x.txt:2 /: expected UTF-8 text, got invalid UTF-8 bytes (truncated sequence) at byte 1");
    }

    @Test
    void anOverlongSequenceInAJsonRecordIsAnInvalidRecordUnderEveryPolicy() {
        // "eu\u00C0\u00AF": Jackson alone would map this record with region "eu/"
        byte[] bytes = "{\"id\":1,\"region\":\"eu\u00C0\u00AF\",\"at\":\"x\"}".getBytes(StandardCharsets.ISO_8859_1);
        RawRecord raw = new RawRecord(Position.line("events.jsonl", 8), bytes);
        String error = "events.jsonl:8 /: expected UTF-8 text, got invalid UTF-8 bytes (overlong encoding) at byte 20";

        assertThatThrownBy(() -> pipeline(List.of(), null, InvalidRecordPolicy.FAIL).toSourceRecord(raw,
                new JsonRecordDecoder(), PARTITION, OFFSET))
                .isInstanceOf(InvalidRecordFailure.class)
                .hasMessage("Invalid record (invalid.record.policy=fail): " + error);

        RecordPipeline skipping = pipeline(List.of(), null, InvalidRecordPolicy.SKIP);
        assertThat(skipping.toSourceRecord(raw, new JsonRecordDecoder(), PARTITION, OFFSET)).isNull();
        assertThat(skipping.skippedCount()).isEqualTo(1);

        SourceRecord dead = pipeline(List.of(), null, InvalidRecordPolicy.DEAD_LETTER).toSourceRecord(raw,
                new JsonRecordDecoder(), PARTITION, OFFSET);
        assertThat(dead.topic()).isEqualTo("events-dlq");
        assertThat(dead.valueSchema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat((byte[]) dead.value()).containsExactly(bytes);
        assertThat(header(dead, RecordPipeline.HEADER_FIELD)).isEqualTo("/");
        assertThat(header(dead, RecordPipeline.HEADER_ERROR)).isEqualTo(error);
    }

    @Test
    void aTimestampBeforeTheEpochIsAnInvalidRecordInsteadOfFailingTheTaskInTheWorker() {
        RawRecord raw = raw("{\"id\":1,\"region\":\"eu\",\"at\":\"1969-07-20T20:17:40Z\"}", 12);
        assertThatThrownBy(() -> pipeline(List.of(), "at", InvalidRecordPolicy.FAIL).toSourceRecord(raw,
                new JsonRecordDecoder(), PARTITION, OFFSET))
                .isInstanceOf(InvalidRecordFailure.class)
                .hasMessage("Invalid record (invalid.record.policy=fail): events.jsonl:12 /at: expected a time at or "
                        + "after 1970-01-01T00:00:00Z (Kafka record timestamps cannot be negative), got "
                        + "\"1969-07-20T20:17:40Z\"");
        RecordPipeline skipping = pipeline(List.of(), "at", InvalidRecordPolicy.SKIP);
        assertThat(skipping.toSourceRecord(raw, new JsonRecordDecoder(), PARTITION, OFFSET)).isNull();
        assertThat(skipping.skippedCount()).isEqualTo(1);
    }

    @Test
    void badTimestampTextIsAnInvalidRecord() {
        assertThatThrownBy(() -> pipeline(List.of(), "at", InvalidRecordPolicy.FAIL).toSourceRecord(
                raw("{\"id\":1,\"region\":\"eu\",\"at\":\"yesterday\"}", 9), new JsonRecordDecoder(), PARTITION,
                OFFSET))
                .hasMessageEndingWith("events.jsonl:9 /at: expected an ISO-8601 date-time, got \"yesterday\"");
    }

    @Test
    void deadLetterWithoutTopicIsRefused() {
        assertThatThrownBy(() -> new RecordPipeline("t", mapper, KeyExtractor.forFields(List.of(), mapper.valueSchema()),
                TimestampExtractor.forField(Optional.empty(), mapper.valueSchema()), InvalidRecordPolicy.DEAD_LETTER,
                ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid.record.topic");
    }

    private static Object header(SourceRecord record, String key) {
        Header header = record.headers().lastWithName(key);
        return header == null ? null : header.value();
    }
}
