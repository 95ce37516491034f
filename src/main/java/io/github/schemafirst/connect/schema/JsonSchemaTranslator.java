package io.github.schemafirst.connect.schema;

/** Parses a JSON Schema document (draft-07 and later), compiles its validator and translates it to Connect. */
public final class JsonSchemaTranslator {
    private JsonSchemaTranslator() {
    }

    /** @throws SchemaDeclarationException naming the JSON Pointer of the problem */
    public static DeclaredSchema translate(String document) {
        throw new UnsupportedOperationException("TODO: JSON Schema translation");
    }
}
