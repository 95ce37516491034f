package io.github.schemafirst.connect.schema.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import java.util.List;
import java.util.Optional;

/**
 * Compiles the networknt validator for a declared document: picks the dialect from {@code $schema} (draft-07 when
 * absent) and never loads anything from outside the document.
 */
final class JsonSchemaValidatorCompiler {
    private JsonSchemaValidatorCompiler() {
    }

    static SpecVersion.VersionFlag dialect(JsonNode tree) {
        JsonNode declared = tree.get("$schema");
        if (declared == null) {
            return SpecVersion.VersionFlag.V7;
        }
        if (!declared.isTextual()) {
            throw new SchemaDeclarationException("/$schema", "expected a meta-schema URI string, got " + declared);
        }
        Optional<SpecVersion.VersionFlag> version;
        try {
            version = SpecVersionDetector.detectOptionalVersion(tree, false);
        } catch (RuntimeException e) {
            version = Optional.empty();
        }
        return version.orElseThrow(() -> new SchemaDeclarationException("/$schema",
                "unsupported $schema " + declared + "; use draft-07 (http://json-schema.org/draft-07/schema#), "
                        + "2019-09 or 2020-12 (or draft-04/06)"));
    }

    static JsonSchema compile(JsonNode tree, SpecVersion.VersionFlag dialect) {
        // No schema loaders: a declared schema is self-contained, and the connector must never fetch a URL or a
        // classpath resource because a document says so. Remote $refs are rejected before we get here.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(dialect,
                builder -> builder.schemaLoaders(loaders -> loaders.values(List::clear)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                // Compile every $ref now, so a broken document fails at configuration time, not on a record.
                .preloadJsonSchema(true)
                .build();
        try {
            JsonSchema schema = factory.getSchema(tree, config);
            schema.initializeValidators();
            return schema;
        } catch (JsonSchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new SchemaDeclarationException("/", "the JSON Schema validator rejects this document: "
                    + e.getMessage(), e);
        }
    }
}
