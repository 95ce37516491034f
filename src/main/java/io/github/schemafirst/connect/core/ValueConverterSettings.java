package io.github.schemafirst.connect.core;

import java.util.Map;
import java.util.Optional;

/**
 * What a connector config says about its value converter ({@code value.converter} and its
 * {@code value.converter.*} settings), read the way Confluent's serializers read them, with their defaults. A
 * converter configured on the worker instead is invisible to the connector: {@link #onConnector()} is then false and
 * nothing here describes it.
 */
final class ValueConverterSettings {
    static final String CONVERTER = "value.converter";
    static final String PREFIX = CONVERTER + ".";
    static final String AUTO_REGISTER = PREFIX + "auto.register.schemas";
    static final String USE_LATEST_VERSION = PREFIX + "use.latest.version";
    static final String LATEST_COMPATIBILITY_STRICT = PREFIX + "latest.compatibility.strict";
    static final String SUBJECT_NAME_STRATEGY = PREFIX + "value.subject.name.strategy";
    static final String REGISTRY_URL = PREFIX + "schema.registry.url";

    static final String CONFLUENT_AVRO = "io.confluent.connect.avro.AvroConverter";
    static final String CONFLUENT_JSON_SCHEMA = "io.confluent.connect.json.JsonSchemaConverter";
    static final String CONFLUENT_PROTOBUF = "io.confluent.connect.protobuf.ProtobufConverter";

    private final Map<String, String> config;

    ValueConverterSettings(Map<String, String> config) {
        this.config = config;
    }

    /** The converter class set on the connector; empty when the worker's converter is used. */
    Optional<String> converterClass() {
        return value(CONVERTER);
    }

    boolean onConnector() {
        return converterClass().isPresent();
    }

    boolean isConfluentAvro() {
        return converterClass().filter(CONFLUENT_AVRO::equals).isPresent();
    }

    boolean isConfluentJsonSchema() {
        return converterClass().filter(CONFLUENT_JSON_SCHEMA::equals).isPresent();
    }

    boolean isConfluentProtobuf() {
        return converterClass().filter(CONFLUENT_PROTOBUF::equals).isPresent();
    }

    /** Whether the converter is one of Confluent's registry converters, whose settings this class knows. */
    boolean isConfluent() {
        return isConfluentAvro() || isConfluentJsonSchema() || isConfluentProtobuf();
    }

    /** {@code auto.register.schemas}, default true. */
    boolean autoRegister() {
        return !value(AUTO_REGISTER).filter("false"::equalsIgnoreCase).isPresent();
    }

    /** {@code use.latest.version}, default false. */
    boolean useLatestVersion() {
        return value(USE_LATEST_VERSION).filter("true"::equalsIgnoreCase).isPresent();
    }

    /** {@code latest.compatibility.strict}, default true. */
    boolean latestCompatibilityStrict() {
        return !value(LATEST_COMPATIBILITY_STRICT).filter("false"::equalsIgnoreCase).isPresent();
    }

    /** {@code value.subject.name.strategy} as written; empty for the default (topic name). */
    Optional<String> subjectNameStrategy() {
        return value(SUBJECT_NAME_STRATEGY);
    }

    Optional<String> registryUrl() {
        return value(REGISTRY_URL);
    }

    private Optional<String> value(String key) {
        String value = config.get(key);
        return value == null || value.trim().isEmpty() ? Optional.empty() : Optional.of(value.trim());
    }
}
