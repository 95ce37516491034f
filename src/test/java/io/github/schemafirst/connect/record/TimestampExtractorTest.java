package io.github.schemafirst.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampExtractorTest {
    private static final Schema EVENT = SchemaBuilder.struct().name("Event")
            .field("millis", Schema.OPTIONAL_INT64_SCHEMA)
            .field("created_at", Timestamp.builder().optional().build())
            .field("day", org.apache.kafka.connect.data.Date.builder().optional().build())
            .field("text", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Position AT = Position.line("events.jsonl", 4);
    private static final String BEFORE_EPOCH =
            ": expected a time at or after 1970-01-01T00:00:00Z (Kafka record timestamps cannot be negative), got ";

    private static Long timestamp(String field, Object value) throws InvalidRecordException {
        return TimestampExtractor.forField(Optional.of(field), EVENT)
                .timestamp(new Struct(EVENT).put(field, value), AT);
    }

    @Test
    void epochMillisBeforeTheEpochAreAnInvalidRecord() {
        assertThatThrownBy(() -> timestamp("millis", -1000L))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("events.jsonl:4 /millis" + BEFORE_EPOCH + "-1000 (1969-12-31T23:59:59Z)")
                .extracting(e -> ((InvalidRecordException) e).fieldPath()).isEqualTo("/millis");
        // the worker would quietly replace -1 (Kafka's "no timestamp") with the time of sending
        assertThatThrownBy(() -> timestamp("millis", -1L))
                .hasMessage("events.jsonl:4 /millis" + BEFORE_EPOCH + "-1 (1969-12-31T23:59:59.999Z)");
    }

    @Test
    void timestampAndDateValuesBeforeTheEpochAreAnInvalidRecord() {
        assertThatThrownBy(() -> timestamp("created_at", new Date(-1000L)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("events.jsonl:4 /created_at" + BEFORE_EPOCH + "1969-12-31T23:59:59Z");
        assertThatThrownBy(() -> timestamp("day", new Date(-86_400_000L)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("events.jsonl:4 /day" + BEFORE_EPOCH + "1969-12-31T00:00:00Z");
    }

    @ParameterizedTest
    @CsvSource({"1969-12-31T23:59:59Z", "1969-12-31T23:59:59.999", "1969-12-31", "1900-01-01T00:00:00+01:00"})
    void isoTextBeforeTheEpochIsAnInvalidRecord(String text) {
        assertThatThrownBy(() -> timestamp("text", text))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("events.jsonl:4 /text" + BEFORE_EPOCH + "\"" + text + "\"");
    }

    @Test
    void theEpochItselfAndLaterAreTimestamps() throws InvalidRecordException {
        assertThat(timestamp("millis", 0L)).isZero();
        assertThat(timestamp("created_at", new Date(0L))).isZero();
        assertThat(timestamp("day", new Date(0L))).isZero();
        assertThat(timestamp("text", "1970-01-01T00:00:00Z")).isZero();
        // the offset counts: 23:00 at UTC-2 is already 1970 in UTC
        assertThat(timestamp("text", "1969-12-31T23:00:00-02:00")).isEqualTo(3_600_000L);
        assertThat(timestamp("millis", null)).as("no value: Kafka sets the timestamp").isNull();
    }
}
