package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Schema;

/** No declared schema: each text record is a STRING value (the plain String-producer case). */
public final class StringRecordMapper implements RecordMapper {

    @Override
    public Schema valueSchema() {
        return Schema.STRING_SCHEMA;
    }

    @Override
    public Object map(JsonNode record, Position position) throws InvalidRecordException {
        if (!record.isTextual()) {
            throw new InvalidRecordException(position, "/", "expected a line of text, got " + record.getNodeType());
        }
        return record.textValue();
    }
}
