package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import org.apache.kafka.connect.data.Schema;

/** Validates a JSON record by the declared Avro schema's types while building its Connect value. */
public final class AvroRecordMapper implements RecordMapper {
    private final DeclaredSchema schema;

    public AvroRecordMapper(DeclaredSchema schema) {
        this.schema = schema;
    }

    @Override
    public Schema valueSchema() {
        return schema.connectSchema();
    }

    @Override
    public Object map(JsonNode record, Position position) throws InvalidRecordException {
        throw new UnsupportedOperationException("TODO: Avro record mapping");
    }
}
