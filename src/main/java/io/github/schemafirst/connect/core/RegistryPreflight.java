package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.registry.CompatibilityResult;
import io.github.schemafirst.connect.registry.RegistryException;
import io.github.schemafirst.connect.registry.SchemaDocument;
import io.github.schemafirst.connect.registry.SchemaRegistryClient;
import io.github.schemafirst.connect.registry.SubjectNameStrategy;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.SchemaType;
import io.github.schemafirst.connect.schema.TemporalMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;

/**
 * The checks {@code validate()} makes about the schema registry, the same for both connectors, so that a
 * configuration that would fail every record is refused before anything runs:
 * <ul>
 *   <li>{@code value.schema.registration=connector}: a declared schema, a registry to register it in, and (for
 *   Confluent's converters on the connector) the converter settings that make it serialize with the registered
 *   document; the declared document must be compatible with the subject's latest version under the subject's
 *   compatibility level (the registry's own verdict and messages);</li>
 *   <li>the JSON Schema trap: {@code use.latest.version=true} with {@code latest.compatibility.strict} not
 *   {@code false} and a declared document stricter than what the converter derives;</li>
 *   <li>{@code auto.register.schemas=false} with nothing registered under the converter's subject, naming the
 *   subject another strategy would use when the schema is there instead;</li>
 *   <li>an unreachable registry ({@code value.schema.registry.unreachable}) or refused credentials.</li>
 * </ul>
 * In {@code converter} mode with auto-registration the registry is not asked: what the converter registers is derived
 * by the converter (its settings decide how far from the declared document) and cannot be checked here exactly.
 */
final class RegistryPreflight {
    private static final String REGISTRATION = SchemafirstSourceConfig.VALUE_SCHEMA_REGISTRATION_CONFIG;
    /** Keys whose own errors make these checks meaningless (they are reported already). */
    private static final String[] PREREQUISITES = {SchemafirstSourceConfig.TOPIC_CONFIG,
        SchemafirstSourceConfig.VALUE_SCHEMA_CONFIG, SchemafirstSourceConfig.VALUE_SCHEMA_FILE_CONFIG,
        SchemafirstSourceConfig.VALUE_SCHEMA_SUBJECT_CONFIG, SchemafirstSourceConfig.VALUE_SCHEMA_VERSION_CONFIG,
        SchemafirstSourceConfig.VALUE_SCHEMA_TYPE_CONFIG, SchemafirstSourceConfig.VALUE_SCHEMA_JSON_TEMPORAL_CONFIG,
        REGISTRATION, SchemafirstSourceConfig.REGISTRY_URL_CONFIG, SchemafirstSourceConfig.REGISTRY_UNREACHABLE_CONFIG,
        SchemafirstSourceConfig.REGISTRY_TRUSTSTORE_TYPE_CONFIG};

    private final Map<String, String> config;
    private final CommonConfigValidation.Problems problems;
    private final ValueConverterSettings converter;
    private final SchemaRegistrationMode mode;
    private final DeclaredSchemaSource source;

    private RegistryPreflight(Map<String, String> config, CommonConfigValidation.Problems problems) {
        this.config = config;
        this.problems = problems;
        this.converter = new ValueConverterSettings(config);
        this.source = DeclaredSchemaSource.from(config);
        String modeText = config.get(REGISTRATION);
        this.mode = modeText == null || modeText.trim().isEmpty() ? SchemaRegistrationMode.CONVERTER
                : SchemaRegistrationMode.fromConfigValue(modeText);
    }

    /** Adds what it finds to {@code problems}; {@code result} holds the per-key results so far. */
    static void check(Config result, Map<String, String> config, CommonConfigValidation.Problems problems) {
        if (ConfigProblems.hasErrors(result, PREREQUISITES)) {
            return;
        }
        new RegistryPreflight(config, problems).run();
    }

    private void run() {
        SubjectNameStrategy strategy;
        try {
            strategy = SubjectNameStrategy.fromConfig(converter.subjectNameStrategy().orElse(null));
        } catch (IllegalArgumentException e) {
            problems.add(ValueConverterSettings.SUBJECT_NAME_STRATEGY, e.getMessage());
            return;
        }
        Optional<RegistrySettings> registry = RegistrySettings.from(config);
        if (mode == SchemaRegistrationMode.CONNECTOR) {
            checkConnectorMode(registry);
        } else if (!converter.isConfluent()) {
            return; // every check below concerns connector mode or Confluent's converter settings
        }
        // loaded (for a subject: fetched) a second time: the connector's own validation loaded it to check fields
        Optional<DeclaredSchema> declared = load(registry);
        if (!declared.isPresent()) {
            return;
        }
        checkConverterFitsTheSchema(declared.get());
        if (mode == SchemaRegistrationMode.CONVERTER) {
            checkStrictLatestCompatibility(declared.get());
        }
        boolean registryMatters = mode == SchemaRegistrationMode.CONNECTOR
                || (converter.isConfluent() && !converter.autoRegister());
        if (registry.isPresent() && registryMatters) {
            askRegistry(registry.get(), strategy, declared.get());
        }
    }

    private void checkConnectorMode(Optional<RegistrySettings> registry) {
        String mode = REGISTRATION + "=connector";
        if (!source.isDeclared()) {
            problems.add(REGISTRATION, mode + " registers the declared schema, but none is declared: give value.schema, "
                    + "value.schema.file or value.schema.subject, or use " + REGISTRATION + "=converter");
        }
        if (!registry.isPresent()) {
            problems.add(SchemafirstSourceConfig.REGISTRY_URL_CONFIG, mode + " needs the schema registry's URL: set "
                    + SchemafirstSourceConfig.REGISTRY_URL_CONFIG + ", or value.converter.schema.registry.url with the "
                    + "value converter on this connector");
        }
        if (!converter.isConfluent()) {
            return; // a converter on the worker, or not Confluent's: its settings are the user's to match (README)
        }
        if (converter.isConfluentProtobuf()) {
            problems.add(ValueConverterSettings.CONVERTER, mode + " registers Avro or JSON Schema documents, which "
                    + "the ProtobufConverter cannot serialize with: use the AvroConverter or the JsonSchemaConverter");
        }
        if (converter.autoRegister()) {
            problems.add(ValueConverterSettings.AUTO_REGISTER, "must be false with " + mode + ": otherwise the "
                    + "converter registers the schema it derives from each record, beside the declared one. Set "
                    + ValueConverterSettings.AUTO_REGISTER + "=false");
        }
        if (!converter.useLatestVersion()) {
            problems.add(ValueConverterSettings.USE_LATEST_VERSION, "must be true with " + mode + ", so that the "
                    + "converter serializes with the document the connector registered. Set "
                    + ValueConverterSettings.USE_LATEST_VERSION + "=true");
        }
        if (converter.isConfluentJsonSchema() && converter.latestCompatibilityStrict()) {
            problems.add(ValueConverterSettings.LATEST_COMPATIBILITY_STRICT, "must be false with " + mode + " and the "
                    + "JsonSchemaConverter: the strict check requires the registered document to accept everything "
                    + "the schema the converter derives accepts, and a declared JSON Schema with required fields, "
                    + "bounds or patterns never does, so every record would fail. Set "
                    + ValueConverterSettings.LATEST_COMPATIBILITY_STRICT + "=false");
        }
    }

    private Optional<DeclaredSchema> load(Optional<RegistrySettings> registry) {
        if (!source.isDeclared() || (source.fromRegistry() && !registry.isPresent())) {
            return Optional.empty();
        }
        try {
            String type = config.get(SchemafirstSourceConfig.VALUE_SCHEMA_TYPE_CONFIG);
            String temporal = config.get(SchemafirstSourceConfig.VALUE_SCHEMA_JSON_TEMPORAL_CONFIG);
            return source.load(type == null || type.trim().isEmpty() ? null : SchemaType.fromConfigValue(type),
                    temporal == null || temporal.trim().isEmpty() ? TemporalMapping.LOGICAL
                            : TemporalMapping.fromConfigValue(temporal),
                    () -> registry.get().client(RegistrySettings.VALIDATION_TIMEOUT));
        } catch (RuntimeException e) {
            return Optional.empty(); // the connector's own validation reports why on the schema's key
        }
    }

    private void checkConverterFitsTheSchema(DeclaredSchema declared) {
        boolean avro = declared.type() == SchemaType.AVRO;
        if ((converter.isConfluentAvro() && !avro) || (converter.isConfluentJsonSchema() && avro)) {
            problems.add(ValueConverterSettings.CONVERTER, "the declared schema is " + declared.type().configValue()
                    + " but the value converter is " + converter.converterClass().orElse("") + ": use "
                    + (avro ? ValueConverterSettings.CONFLUENT_AVRO : ValueConverterSettings.CONFLUENT_JSON_SCHEMA));
        }
    }

    /** The trap of the JSON Schema recipe: serializing with a hand-registered document under the strict check. */
    private void checkStrictLatestCompatibility(DeclaredSchema declared) {
        if (!converter.isConfluentJsonSchema() || declared.type() != SchemaType.JSON_SCHEMA
                || !converter.useLatestVersion() || converter.autoRegister() || !converter.latestCompatibilityStrict()) {
            return;
        }
        List<String> constraints = JsonSchemaStrictness.constraints(declared.jsonSchemaDocument());
        if (!constraints.isEmpty()) {
            problems.add(ValueConverterSettings.LATEST_COMPATIBILITY_STRICT, "every record would fail: with "
                    + ValueConverterSettings.USE_LATEST_VERSION + "=true and latest.compatibility.strict not false, "
                    + "the JsonSchemaConverter requires the registered document to accept everything the schema it "
                    + "derives accepts, and the declared document constrains more (" + String.join(", ", constraints)
                    + "; the converter reports REQUIRED_ATTRIBUTE_ADDED and the like). Set "
                    + ValueConverterSettings.LATEST_COMPATIBILITY_STRICT + "=false");
        }
    }

    private void askRegistry(RegistrySettings registry, SubjectNameStrategy strategy, DeclaredSchema declared) {
        SchemaDocument document = ValueSchemaRegistration.documentOf(declared);
        String topic = config.getOrDefault(SchemafirstSourceConfig.TOPIC_CONFIG, "").trim();
        String subject;
        try {
            subject = strategy.subjectFor(topic, false, document);
        } catch (IllegalArgumentException e) {
            problems.add(ValueConverterSettings.SUBJECT_NAME_STRATEGY, e.getMessage());
            return;
        }
        try {
            SchemaRegistryClient client = registry.client(RegistrySettings.VALIDATION_TIMEOUT);
            if (mode == SchemaRegistrationMode.CONNECTOR) {
                checkCompatibility(client, subject, document);
            } else {
                checkSomethingRegistered(client, strategy, subject, topic, document);
            }
        } catch (RegistrySettings.InvalidSetting e) {
            problems.add(e.key(), e.getMessage());
        } catch (RegistryException e) {
            registry.report(e, source.key(), problems);
        }
    }

    private void checkCompatibility(SchemaRegistryClient client, String subject, SchemaDocument document) {
        if (client.lookup(subject, document).isPresent()) {
            return; // registered already: nothing will change in the registry
        }
        CompatibilityResult result = client.checkCompatibility(subject, document);
        if (!result.compatible()) {
            problems.add(source.key(), "the declared schema is not compatible with the "
                    + "latest version under subject '" + subject + "' (the subject's compatibility level decides)"
                    + (result.messages().isEmpty() ? "" : ": " + String.join("; ", result.messages()))
                    + ". Change the schema compatibly, or the subject's compatibility level in the registry");
        }
    }

    private void checkSomethingRegistered(SchemaRegistryClient client, SubjectNameStrategy strategy, String subject,
                                          String topic, SchemaDocument document) {
        if (client.version(subject, "latest").isPresent()) {
            return;
        }
        StringBuilder message = new StringBuilder(ValueConverterSettings.AUTO_REGISTER + "=false, but nothing is "
                + "registered under subject '" + subject + "' (the subject " + strategy.configValue() + " gives), so "
                + "every record would fail.");
        for (SubjectNameStrategy other : SubjectNameStrategy.values()) {
            String candidate = other == strategy || (other.needsRecordName()
                    && SubjectNameStrategy.recordName(document) == null) ? null
                    : other.subjectFor(topic, false, document);
            if (candidate != null && !candidate.equals(subject) && client.version(candidate, "latest").isPresent()) {
                message.append(" Subject '").append(candidate).append("' has versions, which ")
                        .append(other.configValue()).append(" gives: set ")
                        .append(ValueConverterSettings.SUBJECT_NAME_STRATEGY).append('=').append(other.configValue())
                        .append('.');
            }
        }
        message.append(" Or set ").append(REGISTRATION).append("=connector to have the connector register the "
                + "declared schema, or register it first.");
        problems.add(ValueConverterSettings.AUTO_REGISTER, message.toString());
    }
}
