package io.github.schemafirst.connect.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Value-converter settings for a connector config (keys prefixed {@code value.converter.}), for the converters the
 * integration tests run: merge one into a connector config with {@code putAll}.
 */
public final class ConverterConfigs {

    private ConverterConfigs() {
    }

    /** Kafka's StringConverter: the value's {@code toString()} as UTF-8. */
    public static Map<String, String> string() {
        return Map.of("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    }

    /** Kafka's JsonConverter without the schema envelope. */
    public static Map<String, String> schemalessJson() {
        return Map.of(
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false");
    }

    /**
     * Apicurio's AvroConverter in Confluent wire format: it auto-registers the Avro schema it derives from the
     * Connect schema under {@code <topic>-value}; the id in the bytes is the ccompat schema id.
     */
    public static Map<String, String> apicurioAvro(SchemaRegistryProcess registry) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("value.converter", "io.apicurio.registry.utils.converter.AvroConverter");
        config.put("value.converter.apicurio.registry.url", registry.registryV2Url());
        config.put("value.converter.apicurio.registry.auto-register", "true");
        config.put("value.converter.apicurio.registry.as-confluent", "true");
        config.put("value.converter.apicurio.registry.use-id", "contentId");
        config.put("value.converter.apicurio.registry.headers.enabled", "false");
        return config;
    }

    /**
     * The test-only {@link TestJsonSchemaConverter}: JSON framed with the id of the latest JSON Schema registered
     * under {@code <topic>-value} (register it first, e.g. with {@link RegistryClient#register}).
     */
    public static Map<String, String> testJsonSchema(SchemaRegistryProcess registry) {
        return Map.of(
                "value.converter", TestJsonSchemaConverter.class.getName(),
                "value.converter." + TestJsonSchemaConverter.SCHEMA_REGISTRY_URL, registry.ccompatUrl());
    }
}
