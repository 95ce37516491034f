package io.github.schemafirst.connect.record.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.TemporalMapping;
import io.github.schemafirst.connect.schema.jsonschema.JsonSchemaTranslator;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** value.schema.json.temporal: date/time formats as Connect logical types, or kept as the declared strings. */
class TemporalMappingTest {
    private static final String SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"title\":\"Event\",\"type\":\"object\",\"properties\":{"
            + "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"day\":{\"type\":\"string\",\"format\":\"date\"}},\"required\":[\"at\",\"day\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Position AT = Position.line("events.jsonl", 3);

    @Test
    void logicalMappingGivesTimestampAndDate() throws Exception {
        DeclaredSchema declared = JsonSchemaTranslator.translate(SCHEMA, TemporalMapping.LOGICAL);
        assertThat(declared.connectSchema().field("at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        Struct value = (Struct) new JsonSchemaRecordMapper(declared)
                .map(JSON.readTree("{\"at\":\"2024-05-01T12:00:00Z\",\"day\":\"2024-05-01\"}"), AT);
        assertThat((Date) value.get("at")).isEqualTo(new Date(1714564800000L));
    }

    @Test
    void stringMappingKeepsTheDeclaredTextExactly() throws Exception {
        DeclaredSchema declared = JsonSchemaTranslator.translate(SCHEMA, TemporalMapping.STRING);
        assertThat(declared.connectSchema().field("at").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(declared.connectSchema().field("at").schema().name()).isNull();
        Struct value = (Struct) new JsonSchemaRecordMapper(declared)
                .map(JSON.readTree("{\"at\":\"2024-05-01T12:00:00.123456+02:00\",\"day\":\"2024-05-01\"}"), AT);
        assertThat(value.getString("at")).isEqualTo("2024-05-01T12:00:00.123456+02:00");
        assertThat(value.getString("day")).isEqualTo("2024-05-01");
    }

    @Test
    void stringMappingStillValidatesTheFormat() {
        DeclaredSchema declared = JsonSchemaTranslator.translate(SCHEMA, TemporalMapping.STRING);
        assertThatThrownBy(() -> new JsonSchemaRecordMapper(declared)
                .map(JSON.readTree("{\"at\":\"yesterday\",\"day\":\"2024-05-01\"}"), AT))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("events.jsonl:3 /at: expected ");
    }
}
