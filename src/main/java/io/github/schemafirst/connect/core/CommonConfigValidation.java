package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.record.KeyExtractor;
import io.github.schemafirst.connect.record.RecordMappers;
import io.github.schemafirst.connect.record.TimestampExtractor;
import io.github.schemafirst.connect.registry.RegistryException;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.SchemaType;
import io.github.schemafirst.connect.schema.TemporalMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * The cross-key checks on the keys every schemafirst connector shares ({@link SchemafirstSourceConfig}): the
 * declared schema loads, key and timestamp fields exist in it with usable types, dead letters have a topic. Each
 * connector's own validation calls these in its order and adds its own checks; every problem goes on the key a
 * user has to change.
 */
public final class CommonConfigValidation {
    /** Where the checks report: the key to change and what is wrong with it. */
    @FunctionalInterface
    public interface Problems {
        void add(String key, String message);
    }

    private CommonConfigValidation() {
    }

    /**
     * Reports a schema given more than once (inline, as a file, as a registry subject), on every key given.
     *
     * @return true when at most one of them is given
     */
    public static boolean schemaGivenAtMostOnce(Map<String, String> config, Problems problems) {
        List<String> given = DeclaredSchemaSource.from(config).givenKeys();
        if (given.size() <= 1) {
            return true;
        }
        String message = "give the schema once: inline (value.schema), as a file (value.schema.file) or as a "
                + "registry subject (value.schema.subject); found " + String.join(" and ", given);
        for (String key : given) {
            problems.add(key, message);
        }
        return false;
    }

    /**
     * Loads the declared schema (call after {@link #schemaGivenAtMostOnce}), from the registry when it names a
     * subject; a failure is reported on the key that holds the schema (refused credentials on the credentials key,
     * an unreachable registry on its URL key, or only logged with {@code value.schema.registry.unreachable=warn}).
     *
     * @param type the declared language, or null to detect it
     * @return the value schema records will have (STRING without a declared schema); empty when it cannot load
     */
    public static Optional<Schema> valueSchema(Map<String, String> config, SchemaType type,
                                               TemporalMapping temporal, Problems problems) {
        DeclaredSchemaSource source = DeclaredSchemaSource.from(config);
        Optional<RegistrySettings> registry = RegistrySettings.from(config);
        if (source.fromRegistry() && !registry.isPresent()) {
            problems.add(source.key(), "a schema taken from the registry needs the registry's URL: set "
                    + SchemafirstSourceConfig.REGISTRY_URL_CONFIG + " (or value.converter.schema.registry.url)");
            return Optional.empty();
        }
        try {
            Optional<DeclaredSchema> declared = source.load(type, temporal,
                    () -> registry.get().client(RegistrySettings.VALIDATION_TIMEOUT));
            return Optional.of(RecordMappers.forSchema(declared).valueSchema());
        } catch (RegistrySettings.InvalidSetting e) {
            problems.add(e.key(), e.getMessage());
            return Optional.empty();
        } catch (RegistryException e) {
            registry.get().report(e, source.key(), problems);
            return Optional.empty(); // no document to check the fields against, also when only warned about
        } catch (RuntimeException e) {
            // SchemaDeclarationException names the place in the document; anything else is a bug worth showing
            problems.add(source.key(), "the declared schema cannot be used: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Checks that the key fields and the timestamp field exist in {@code valueSchema} with usable types. */
    public static void checkFields(List<String> keyFields, Optional<String> timestampField, Schema valueSchema,
                                   Problems problems) {
        try {
            KeyExtractor.forFields(keyFields, valueSchema);
        } catch (IllegalArgumentException e) {
            problems.add(SchemafirstSourceConfig.KEY_FIELD_CONFIG, e.getMessage());
        }
        try {
            TimestampExtractor.forField(timestampField, valueSchema);
        } catch (IllegalArgumentException e) {
            problems.add(SchemafirstSourceConfig.TIMESTAMP_FIELD_CONFIG, e.getMessage());
        }
    }

    /**
     * Reports a dead-letter policy without a topic.
     *
     * @param policy the {@code invalid.record.policy} value as written (null when absent)
     * @param topic  the {@code invalid.record.topic} value as written (null when absent)
     */
    public static void checkDeadLetter(String policy, String topic, Problems problems) {
        boolean deadLetter = policy != null
                && InvalidRecordPolicy.DEAD_LETTER.configValue().equalsIgnoreCase(policy.trim());
        if (deadLetter && isBlank(topic)) {
            problems.add(SchemafirstSourceConfig.INVALID_RECORD_TOPIC_CONFIG,
                    "required when " + SchemafirstSourceConfig.INVALID_RECORD_POLICY_CONFIG + "=dead-letter");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.trim().isEmpty();
    }
}
