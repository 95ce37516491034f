package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import org.apache.kafka.connect.data.Schema;

/** Validates a JSON record against the declared JSON Schema (every keyword), then builds its Connect value. */
public final class JsonSchemaRecordMapper implements RecordMapper {
    private final DeclaredSchema schema;

    public JsonSchemaRecordMapper(DeclaredSchema schema) {
        this.schema = schema;
    }

    @Override
    public Schema valueSchema() {
        return schema.connectSchema();
    }

    @Override
    public Object map(JsonNode record, Position position) throws InvalidRecordException {
        throw new UnsupportedOperationException("TODO: JSON Schema record mapping");
    }
}
