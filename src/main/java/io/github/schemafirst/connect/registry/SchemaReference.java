package io.github.schemafirst.connect.registry;

import java.util.Objects;

/**
 * A reference from one schema document to another registered schema: the {@code name} the document uses for it
 * (an Avro full name, a JSON Schema {@code $ref} URL, a Protobuf import path) and where the registry holds it.
 */
public final class SchemaReference {
    private final String name;
    private final String subject;
    private final int version;

    public SchemaReference(String name, String subject, int version) {
        this.name = Objects.requireNonNull(name, "name");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.version = version;
    }

    public String name() {
        return name;
    }

    public String subject() {
        return subject;
    }

    public int version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SchemaReference)) {
            return false;
        }
        SchemaReference that = (SchemaReference) o;
        return version == that.version && name.equals(that.name) && subject.equals(that.subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, subject, version);
    }

    @Override
    public String toString() {
        return name + " -> " + subject + " v" + version;
    }
}
