package io.github.schemafirst.connect.schema.avro;

/** Building JSON Pointers (RFC 6901) into a declared document. */
final class AvroJsonPointer {
    private AvroJsonPointer() {
    }

    /** Escapes one reference token: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
    static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}
