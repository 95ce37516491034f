package io.github.schemafirst.connect.schema.jsonschema;

/** JSON Pointer building (RFC 6901) for messages that name a place in the declared document. */
final class JsonSchemaPointers {
    private JsonSchemaPointers() {
    }

    /** {@code base} is a pointer ("" for the root); {@code token} an unescaped property name or keyword. */
    static String append(String base, String token) {
        return base + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    static String append(String base, int index) {
        return base + "/" + index;
    }
}
