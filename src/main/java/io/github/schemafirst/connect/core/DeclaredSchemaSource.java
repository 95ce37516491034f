package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.registry.RegisteredSchema;
import io.github.schemafirst.connect.registry.RegistryException;
import io.github.schemafirst.connect.registry.SchemaRegistryClient;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.DeclaredSchemaLoader;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import io.github.schemafirst.connect.schema.SchemaType;
import io.github.schemafirst.connect.schema.TemporalMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the declared value schema comes from: inline ({@code value.schema}), a file ({@code value.schema.file}) or a
 * subject of the schema registry ({@code value.schema.subject} and {@code value.schema.version}). A document taken
 * from the registry is mapped exactly as if it had been given inline.
 */
public final class DeclaredSchemaSource {
    private final String inline;
    private final String file;
    private final String subject;
    private final String version;

    private DeclaredSchemaSource(String inline, String file, String subject, String version) {
        this.inline = inline;
        this.file = file;
        this.subject = subject;
        this.version = version;
    }

    /** Reads the three keys from a connector or task config (raw values). */
    public static DeclaredSchemaSource from(Map<String, String> config) {
        String version = blankToNull(config.get(SchemafirstSourceConfig.VALUE_SCHEMA_VERSION_CONFIG));
        return new DeclaredSchemaSource(blankToNull(config.get(SchemafirstSourceConfig.VALUE_SCHEMA_CONFIG)),
                blankToNull(config.get(SchemafirstSourceConfig.VALUE_SCHEMA_FILE_CONFIG)),
                blankToNull(config.get(SchemafirstSourceConfig.VALUE_SCHEMA_SUBJECT_CONFIG)),
                version == null ? SchemafirstSourceConfig.VALUE_SCHEMA_VERSION_DEFAULT : version);
    }

    /** The keys given, in the order inline, file, subject. More than one is a configuration error. */
    public List<String> givenKeys() {
        List<String> keys = new ArrayList<>();
        if (inline != null) {
            keys.add(SchemafirstSourceConfig.VALUE_SCHEMA_CONFIG);
        }
        if (file != null) {
            keys.add(SchemafirstSourceConfig.VALUE_SCHEMA_FILE_CONFIG);
        }
        if (subject != null) {
            keys.add(SchemafirstSourceConfig.VALUE_SCHEMA_SUBJECT_CONFIG);
        }
        return keys;
    }

    /** The key a problem with the declared schema is reported on (the one given, else value.schema). */
    public String key() {
        List<String> keys = givenKeys();
        return keys.isEmpty() ? SchemafirstSourceConfig.VALUE_SCHEMA_CONFIG : keys.get(0);
    }

    public boolean isDeclared() {
        return !givenKeys().isEmpty();
    }

    public boolean fromRegistry() {
        return subject != null;
    }

    /**
     * Reads and translates the declared schema (I/O: once per task or per validation, never per record).
     *
     * @param type     the declared language, or null to detect it (a registry document's own type wins)
     * @param registry the client to fetch a subject with; only called when the schema comes from the registry
     * @return empty when no schema is declared
     * @throws SchemaDeclarationException when the document cannot be read, fetched or translated
     * @throws RegistryException          when the registry fails (unreachable, refused credentials, ...)
     */
    public Optional<DeclaredSchema> load(SchemaType type, TemporalMapping temporal,
                                         Supplier<SchemaRegistryClient> registry) {
        if (subject == null) {
            return DeclaredSchemaLoader.load(inline, file, type, temporal);
        }
        RegisteredSchema registered = registry.get().version(subject, version)
                .orElseThrow(() -> new SchemaDeclarationException("/", "the schema registry has no version "
                        + version + " under subject '" + subject + "'"));
        String where = "subject '" + subject + "' version " + registered.version();
        if (!registered.document().references().isEmpty()) {
            throw new SchemaDeclarationException("/", where + " references other subjects ("
                    + registered.document().references().size() + "): schemas with references are not supported "
                    + "as declared schemas; declare the schema with the referenced types inlined (value.schema or "
                    + "value.schema.file)");
        }
        SchemaType registeredType = typeOf(registered.document().schemaType(), where);
        if (type != null && type != registeredType) {
            throw new SchemaDeclarationException("/", where + " is " + registeredType.configValue()
                    + ", but value.schema.type says " + type.configValue());
        }
        try {
            return DeclaredSchemaLoader.load(registered.document().text(), null, registeredType, temporal);
        } catch (SchemaDeclarationException e) {
            String reason = e.getMessage().substring(Math.min(e.getMessage().length(), e.pointer().length() + 2));
            throw new SchemaDeclarationException(e.pointer(), reason + " (in " + where + ")", e);
        }
    }

    private static SchemaType typeOf(String schemaType, String where) {
        if (schemaType == null || schemaType.isEmpty() || schemaType.equalsIgnoreCase("AVRO")) {
            return SchemaType.AVRO;
        }
        if (schemaType.equalsIgnoreCase("JSON")) {
            return SchemaType.JSON_SCHEMA;
        }
        throw new SchemaDeclarationException("/", where + " is a " + schemaType + " schema; declared schemas are "
                + "Avro or JSON Schema");
    }

    private static String blankToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }
}
