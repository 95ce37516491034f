package io.github.schemafirst.connect.schema.jsonschema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SpecVersion;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import org.apache.kafka.connect.data.Schema;

/**
 * Parses a JSON Schema document (draft-07 by default; draft 2019-09 and 2020-12 by {@code $schema}), compiles its
 * validator and translates it to the Connect schema records are mapped to. Struct fields keep the order of
 * {@code properties} in the document; see {@code docs/json-schema.md} for the whole mapping.
 */
public final class JsonSchemaTranslator {
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private JsonSchemaTranslator() {
    }

    /** @throws SchemaDeclarationException naming the JSON Pointer of the problem */
    public static DeclaredSchema translate(String document) {
        JsonNode tree;
        try {
            tree = READER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new SchemaDeclarationException("/", "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new SchemaDeclarationException("/", "the schema document is empty");
        }
        if (!tree.isObject()) {
            throw new SchemaDeclarationException("/", "expected a JSON Schema object, got " + tree);
        }
        SpecVersion.VersionFlag dialect = JsonSchemaValidatorCompiler.dialect(tree);
        // Translate first: it rejects remote $refs, so the validator never sees a document that points outside.
        Schema connectSchema = JsonSchemaToConnect.translate(tree);
        JsonSchema validator = JsonSchemaValidatorCompiler.compile(tree, dialect);
        return DeclaredSchema.jsonSchema(document, tree, validator, connectSchema);
    }
}
