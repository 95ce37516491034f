package io.github.schemafirst.connect.schema;

/**
 * A declared schema that cannot be used: not parseable, or using a construct that has no Connect mapping. The
 * message names the place in the document as a JSON Pointer (e.g. {@code /properties/tags/items: ...}).
 */
public final class SchemaDeclarationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pointer;

    public SchemaDeclarationException(String pointer, String reason) {
        this(pointer, reason, null);
    }

    public SchemaDeclarationException(String pointer, String reason, Throwable cause) {
        super((pointer == null || pointer.isEmpty() ? "/" : pointer) + ": " + reason, cause);
        this.pointer = pointer == null || pointer.isEmpty() ? "/" : pointer;
    }

    /** JSON Pointer into the declared document; {@code /} for the document as a whole. */
    public String pointer() {
        return pointer;
    }
}
