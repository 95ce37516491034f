package io.github.schemafirst.connect.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A schema document as the registry stores it: the text exactly as written (the registry keeps it, so doc strings,
 * aliases and custom properties survive), its type, and the references it makes to other registered schemas.
 * The REST API omits {@code schemaType} for Avro, so a missing type means {@link #AVRO}.
 */
public final class SchemaDocument {
    public static final String AVRO = "AVRO";
    public static final String JSON = "JSON";
    public static final String PROTOBUF = "PROTOBUF";

    private final String text;
    private final String schemaType;
    private final List<SchemaReference> references;

    /**
     * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF} in any case; null or blank means {@code AVRO}
     * @param references null means none
     */
    public SchemaDocument(String text, String schemaType, List<SchemaReference> references) {
        this.text = Objects.requireNonNull(text, "text");
        this.schemaType = normalizedType(schemaType);
        this.references = references == null || references.isEmpty()
                ? Collections.emptyList()
                : Collections.unmodifiableList(new ArrayList<>(references));
    }

    public static SchemaDocument avro(String text) {
        return new SchemaDocument(text, AVRO, null);
    }

    public static SchemaDocument json(String text) {
        return new SchemaDocument(text, JSON, null);
    }

    private static String normalizedType(String schemaType) {
        if (schemaType == null || schemaType.isBlank()) {
            return AVRO;
        }
        String upper = schemaType.trim().toUpperCase(Locale.ROOT);
        if (!upper.equals(AVRO) && !upper.equals(JSON) && !upper.equals(PROTOBUF)) {
            throw new IllegalArgumentException("unknown schema type '" + schemaType
                    + "': the registry knows AVRO, JSON and PROTOBUF");
        }
        return upper;
    }

    public String text() {
        return text;
    }

    /** {@code AVRO}, {@code JSON} or {@code PROTOBUF}; never null. */
    public String schemaType() {
        return schemaType;
    }

    /** Unmodifiable; empty when the document references nothing. */
    public List<SchemaReference> references() {
        return references;
    }

    /** Equality is on the exact text: the registry, too, tells documents apart by their text (after parsing). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SchemaDocument)) {
            return false;
        }
        SchemaDocument that = (SchemaDocument) o;
        return text.equals(that.text) && schemaType.equals(that.schemaType) && references.equals(that.references);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, schemaType, references);
    }

    /** Type and size, not the text: documents can be long and end up in log lines. */
    @Override
    public String toString() {
        return schemaType + " document (" + text.length() + " chars"
                + (references.isEmpty() ? "" : ", references " + references) + ")";
    }
}
