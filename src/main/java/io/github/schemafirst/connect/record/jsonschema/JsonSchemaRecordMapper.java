package io.github.schemafirst.connect.record.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RecordMapper;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;

/**
 * Validates a JSON record against the declared JSON Schema (every keyword, by the compiled networknt validator),
 * then builds its Connect value with a converter tree compiled once from the Connect schema. Members the schema
 * does not declare are validated (e.g. refused by {@code additionalProperties: false}) and otherwise dropped: a
 * Struct has only the declared fields.
 */
public final class JsonSchemaRecordMapper implements RecordMapper {
    private final DeclaredSchema schema;
    private final JsonSchema validator;
    private final JsonValueConverter converter;

    public JsonSchemaRecordMapper(DeclaredSchema schema) {
        this.schema = schema;
        this.validator = schema.jsonSchemaValidator();
        this.converter = JsonValueConverter.compile(schema.connectSchema());
    }

    @Override
    public Schema valueSchema() {
        return schema.connectSchema();
    }

    @Override
    public Object map(JsonNode record, Position position) throws InvalidRecordException {
        Set<ValidationMessage> findings = validator.validate(record);
        if (!findings.isEmpty()) {
            throw JsonSchemaViolation.toException(findings, position);
        }
        try {
            return JsonValueConverter.convertNullable(converter, schema.connectSchema(), record);
        } catch (JsonConversionFailure failure) {
            throw new InvalidRecordException(position, failure.pointer(), failure.reason());
        }
    }
}
