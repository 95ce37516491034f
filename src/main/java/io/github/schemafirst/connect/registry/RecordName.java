package io.github.schemafirst.connect.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The record name of a schema document as Confluent's serializers compute it, for the record-name subject
 * strategies. Mirrors {@code AvroSchema.name()} and {@code JsonSchema.name()} in confluentinc/schema-registry:
 * a record root's full name for Avro, the root {@code title} for JSON Schema, otherwise none.
 */
final class RecordName {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordName() {
    }

    static String of(SchemaDocument document) {
        switch (document.schemaType()) {
            case SchemaDocument.AVRO:
                return ofAvro(document);
            case SchemaDocument.JSON:
                return ofJsonSchema(document.text());
            default:
                throw new IllegalArgumentException("record names of " + document.schemaType()
                        + " schemas are not supported; use the topic name strategy");
        }
    }

    private static String ofAvro(SchemaDocument document) {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(document.text());
        } catch (AvroRuntimeException e) { // SchemaParseException, or AvroTypeException for an undefined name
            String hint = document.references().isEmpty() ? ""
                    : " (a document with references cannot be parsed without the referenced schemas)";
            throw new IllegalArgumentException("cannot read the Avro schema's record name: " + e.getMessage() + hint,
                    e);
        }
        // Confluent's AvroSchema.name(): only a record has a name a subject may be made of
        return schema.getType() == Schema.Type.RECORD ? schema.getFullName() : null;
    }

    private static String ofJsonSchema(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read the JSON Schema's title: not JSON: "
                    + e.getOriginalMessage(), e);
        }
        // Confluent's JsonSchema.name() is getString("title"): the node's text when present, no default
        JsonNode title = root == null ? null : root.get("title");
        return title == null ? null : title.asText();
    }
}
