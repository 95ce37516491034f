package io.github.schemafirst.connect.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.schema.avro.AvroSchemaTranslator;
import io.github.schemafirst.connect.schema.jsonschema.JsonSchemaTranslator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the declared value schema from {@code value.schema} (inline) or {@code value.schema.file}, detects its
 * language when {@code value.schema.type} is absent, and translates it.
 */
public final class DeclaredSchemaLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AVRO_ONLY_TYPES = Set.of("record", "enum", "fixed", "map");
    private static final Set<String> JSON_SCHEMA_ONLY_TYPES = Set.of("object", "integer", "number");

    private DeclaredSchemaLoader() {
    }

    /**
     * @param inline   the document given inline, or null/blank
     * @param file     a path to the document, or null/blank
     * @param type     the declared language, or null to detect it
     * @return the declared schema, or empty when neither inline nor file is given
     * @throws SchemaDeclarationException when the document cannot be read, detected or translated
     */
    public static Optional<DeclaredSchema> load(String inline, String file, SchemaType type) {
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline && hasFile) {
            throw new SchemaDeclarationException("/", "give the schema either inline or as a file, not both");
        }
        if (!hasInline && !hasFile) {
            return Optional.empty();
        }
        String document = hasInline ? inline : read(Paths.get(file.trim()));
        SchemaType effective = type != null ? type : detect(document);
        return Optional.of(effective == SchemaType.AVRO
                ? AvroSchemaTranslator.translate(document)
                : JsonSchemaTranslator.translate(document));
    }

    static String read(Path path) {
        try {
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaDeclarationException("/", "cannot read schema file " + path + ": " + e, e);
        }
    }

    /** Tells an Avro document from a JSON Schema by the keywords only one of them uses. */
    public static SchemaType detect(String document) {
        JsonNode tree;
        try {
            tree = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new SchemaDeclarationException("/", "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new SchemaDeclarationException("/", "the schema document is empty");
        }
        if (tree.isTextual() || tree.isArray()) {
            return SchemaType.AVRO; // a named/primitive type or a union
        }
        if (tree.isBoolean()) {
            return SchemaType.JSON_SCHEMA;
        }
        if (tree.has("$schema") || tree.has("properties") || tree.has("$defs") || tree.has("definitions")
                || tree.has("$ref") || tree.has("oneOf") || tree.has("anyOf") || tree.has("allOf")) {
            return SchemaType.JSON_SCHEMA;
        }
        if (tree.has("fields") || tree.has("symbols") || tree.has("logicalType")) {
            return SchemaType.AVRO;
        }
        JsonNode typeNode = tree.get("type");
        if (typeNode != null && typeNode.isTextual()) {
            if (AVRO_ONLY_TYPES.contains(typeNode.asText())) {
                return SchemaType.AVRO;
            }
            if (JSON_SCHEMA_ONLY_TYPES.contains(typeNode.asText())) {
                return SchemaType.JSON_SCHEMA;
            }
        }
        if (typeNode != null && typeNode.isArray()) {
            return SchemaType.JSON_SCHEMA; // Avro unions are bare arrays, never {"type": [...]} at the root
        }
        throw new SchemaDeclarationException("/",
                "cannot tell whether this is Avro or JSON Schema: set value.schema.type to avro or json-schema");
    }
}
