package io.github.schemafirst.connect.it;

/**
 * A schema as the Confluent-compatible registry API returns it.
 *
 * @param subject    the subject, or {@code null} when looked up by id
 * @param version    the version under the subject, or {@code 0} when looked up by id
 * @param id         the global schema id (the one in the wire format)
 * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF} ({@code AVRO} when the registry leaves it out)
 * @param schema     the schema text exactly as registered
 */
public record RegisteredSchema(String subject, int version, int id, String schemaType, String schema) {
}
