package io.github.schemafirst.connect.schema;

/** Parses an Avro {@code .avsc} document and translates it to the Connect schema Confluent's AvroData would build. */
public final class AvroSchemaTranslator {
    private AvroSchemaTranslator() {
    }

    /** @throws SchemaDeclarationException naming the JSON Pointer of the problem */
    public static DeclaredSchema translate(String document) {
        throw new UnsupportedOperationException("TODO: Avro schema translation");
    }
}
