package io.github.schemafirst.connect.record.avro;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RecordMapper;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import org.apache.kafka.connect.data.Schema;

/**
 * Validates a JSON record by the declared Avro schema's types while building its Connect value. The reader tree is
 * compiled once, here; mapping a record allocates only the Connect value itself. See {@code docs/avro.md} for which
 * JSON each Avro type accepts.
 */
public final class AvroRecordMapper implements RecordMapper {
    private final DeclaredSchema schema;
    private final AvroValueReader root;

    /** JSON members that a record does not declare are ignored, as when Avro reads data with a narrower schema. */
    public AvroRecordMapper(DeclaredSchema schema) {
        this(schema, false);
    }

    /** @param rejectUnknownFields make a JSON member that its record does not declare an invalid record */
    public AvroRecordMapper(DeclaredSchema schema, boolean rejectUnknownFields) {
        this.schema = schema;
        this.root = new AvroReaderCompiler(rejectUnknownFields).compile(schema.avroSchema(), schema.connectSchema());
    }

    @Override
    public Schema valueSchema() {
        return schema.connectSchema();
    }

    @Override
    public Object map(JsonNode record, Position position) throws InvalidRecordException {
        try {
            return root.read(record);
        } catch (AvroValueException e) {
            throw new InvalidRecordException(position, e.path(), e.reason());
        }
    }
}
