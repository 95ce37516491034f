package io.github.schemafirst.connect.registry;

import java.util.Objects;

/** What the registry holds under a subject: the schema's global id, its version under the subject, the document. */
public final class RegisteredSchema {
    private final String subject;
    private final int id;
    private final int version;
    private final SchemaDocument document;

    public RegisteredSchema(String subject, int id, int version, SchemaDocument document) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.id = id;
        this.version = version;
        this.document = Objects.requireNonNull(document, "document");
    }

    public String subject() {
        return subject;
    }

    /** The global id the serializers write into every record (the Confluent wire format's 4 bytes). */
    public int id() {
        return id;
    }

    /** The version under {@link #subject()}, from 1. */
    public int version() {
        return version;
    }

    /** The document as the registry returns it (which may be a normalized form of what was registered). */
    public SchemaDocument document() {
        return document;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RegisteredSchema)) {
            return false;
        }
        RegisteredSchema that = (RegisteredSchema) o;
        return id == that.id && version == that.version && subject.equals(that.subject)
                && document.equals(that.document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, id, version, document);
    }

    @Override
    public String toString() {
        return "subject '" + subject + "' version " + version + " (id " + id + ", " + document + ")";
    }
}
