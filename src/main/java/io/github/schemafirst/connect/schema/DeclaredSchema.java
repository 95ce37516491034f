package io.github.schemafirst.connect.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.util.Objects;
import org.apache.kafka.connect.data.Schema;

/**
 * A value schema as the user declared it, parsed once per task: the Connect schema records are mapped to, plus
 * what the record mapper needs to validate (the parsed Avro schema, or the compiled JSON Schema validator).
 */
public final class DeclaredSchema {
    private final SchemaType type;
    private final String document;
    private final Schema connectSchema;
    private final org.apache.avro.Schema avroSchema;
    private final JsonNode jsonSchemaDocument;
    private final JsonSchema jsonSchemaValidator;

    private DeclaredSchema(SchemaType type, String document, Schema connectSchema, org.apache.avro.Schema avroSchema,
                           JsonNode jsonSchemaDocument, JsonSchema jsonSchemaValidator) {
        this.type = Objects.requireNonNull(type, "type");
        this.document = Objects.requireNonNull(document, "document");
        this.connectSchema = Objects.requireNonNull(connectSchema, "connectSchema");
        this.avroSchema = avroSchema;
        this.jsonSchemaDocument = jsonSchemaDocument;
        this.jsonSchemaValidator = jsonSchemaValidator;
    }

    public static DeclaredSchema avro(String document, org.apache.avro.Schema avroSchema, Schema connectSchema) {
        return new DeclaredSchema(SchemaType.AVRO, document, connectSchema,
                Objects.requireNonNull(avroSchema, "avroSchema"), null, null);
    }

    public static DeclaredSchema jsonSchema(String document, JsonNode tree, JsonSchema validator,
                                            Schema connectSchema) {
        return new DeclaredSchema(SchemaType.JSON_SCHEMA, document, connectSchema, null,
                Objects.requireNonNull(tree, "tree"), Objects.requireNonNull(validator, "validator"));
    }

    public SchemaType type() {
        return type;
    }

    /** The document exactly as declared. */
    public String document() {
        return document;
    }

    /** The Connect schema every record value is mapped to. */
    public Schema connectSchema() {
        return connectSchema;
    }

    /** The parsed Avro schema; only for {@link SchemaType#AVRO}. */
    public org.apache.avro.Schema avroSchema() {
        if (avroSchema == null) {
            throw new IllegalStateException("not an Avro schema");
        }
        return avroSchema;
    }

    /** The parsed JSON Schema document; only for {@link SchemaType#JSON_SCHEMA}. */
    public JsonNode jsonSchemaDocument() {
        if (jsonSchemaDocument == null) {
            throw new IllegalStateException("not a JSON Schema");
        }
        return jsonSchemaDocument;
    }

    /** The compiled validator; only for {@link SchemaType#JSON_SCHEMA}. */
    public JsonSchema jsonSchemaValidator() {
        if (jsonSchemaValidator == null) {
            throw new IllegalStateException("not a JSON Schema");
        }
        return jsonSchemaValidator;
    }
}
