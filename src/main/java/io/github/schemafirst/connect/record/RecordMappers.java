package io.github.schemafirst.connect.record;

import io.github.schemafirst.connect.record.avro.AvroRecordMapper;
import io.github.schemafirst.connect.record.jsonschema.JsonSchemaRecordMapper;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import java.util.Optional;

/** Picks the mapper for the declared schema's language; no declared schema means plain strings. */
public final class RecordMappers {
    private RecordMappers() {
    }

    public static RecordMapper forSchema(Optional<DeclaredSchema> declared) {
        if (declared.isEmpty()) {
            return new StringRecordMapper();
        }
        DeclaredSchema schema = declared.get();
        switch (schema.type()) {
            case AVRO:
                return new AvroRecordMapper(schema);
            case JSON_SCHEMA:
                return new JsonSchemaRecordMapper(schema);
            default:
                throw new IllegalStateException("no mapper for " + schema.type());
        }
    }
}
