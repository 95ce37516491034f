package io.github.schemafirst.connect.quickstart;

import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.SchemaRegistryProcess;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns an example connector config written for Confluent Platform (Confluent's converters, a registry at
 * {@code http://schema-registry:8081}, files under {@code /opt/schemafirst/}) into one that runs on the quickstart's
 * embedded stack:
 * <ul>
 *   <li>{@code io.confluent.connect.avro.AvroConverter} becomes Apicurio's AvroConverter in Confluent wire format
 *       ({@link ConverterConfigs#apicurioAvro}); the {@code AvroData} settings {@code enhanced.avro.schema.support}
 *       and {@code connect.meta.data} are kept, since Apicurio's converter reads them with the same meaning;</li>
 *   <li>{@code io.confluent.connect.json.JsonSchemaConverter} becomes the test-only JSON Schema converter
 *       ({@link ConverterConfigs#testJsonSchema}), which, like Confluent's with {@code auto.register.schemas=false}
 *       and {@code use.latest.version=true}, writes with the latest schema registered under the subject;</li>
 *   <li>{@code /opt/schemafirst/} in any value becomes the quickstart's working directory;</li>
 *   <li>the HTTP connector's {@code http.url} points at the local pages server, polled once an hour (the pages are
 *       static: reading them again would only repeat the same records).</li>
 * </ul>
 * Every other Confluent-only converter key (registry URL, auth, subject strategy, ...) is dropped.
 */
final class EmbeddedConfigTranslator {

    static final String CONFLUENT_AVRO = "io.confluent.connect.avro.AvroConverter";
    static final String CONFLUENT_JSON_SCHEMA = "io.confluent.connect.json.JsonSchemaConverter";
    static final String HTTP_CONNECTOR = "io.github.schemafirst.connect.http.HttpSourceConnector";
    static final String FILE_CONNECTOR = "io.github.schemafirst.connect.file.FileSourceConnector";
    static final String EXAMPLE_ROOT = "/opt/schemafirst/";
    static final String HTTP_POLL_INTERVAL = "http.poll.interval.ms";

    /** AvroData settings Apicurio's AvroConverter understands like Confluent's. */
    private static final Set<String> SHARED_AVRO_DATA_KEYS = Set.of("enhanced.avro.schema.support", "connect.meta.data");

    private final Path workDir;
    private final SchemaRegistryProcess registry;
    private final String httpUrl;

    /** @param httpUrl the local pages server's first page, or null when there is none */
    EmbeddedConfigTranslator(Path workDir, SchemaRegistryProcess registry, String httpUrl) {
        this.workDir = workDir;
        this.registry = registry;
        this.httpUrl = httpUrl;
    }

    Map<String, String> translate(ConnectorExample example) {
        Map<String, String> config = new LinkedHashMap<>();
        example.config().forEach((key, value) -> config.put(key, localPaths(value)));
        config.remove("name");
        translateConverter(config, "key.converter");
        translateConverter(config, "value.converter");
        if (HTTP_CONNECTOR.equals(example.connectorClass())) {
            if (httpUrl == null) {
                throw new IllegalStateException("no local HTTP endpoint to point " + example.name() + " at");
            }
            config.put("http.url", httpUrl);
            config.remove("http.urls");
            config.put(HTTP_POLL_INTERVAL, "3600000");
        }
        config.forEach((key, value) -> {
            if (value.contains("${")) {
                throw new IllegalStateException(example.file() + ": " + key + " uses a config provider (" + value
                        + "), which the quickstart's worker does not have");
            }
        });
        return config;
    }

    private String localPaths(String value) {
        String root = workDir.toString().endsWith("/") ? workDir.toString() : workDir + "/";
        return value.replace(EXAMPLE_ROOT, root);
    }

    private void translateConverter(Map<String, String> config, String prefix) {
        String converter = config.get(prefix);
        Map<String, String> replacement;
        if (CONFLUENT_AVRO.equals(converter)) {
            replacement = new LinkedHashMap<>();
            for (String key : SHARED_AVRO_DATA_KEYS) {
                String value = config.get(prefix + "." + key);
                if (value != null) {
                    replacement.put(prefix + "." + key, value);
                }
            }
            replacement.putAll(prefixed(ConverterConfigs.apicurioAvro(registry), prefix));
        } else if (CONFLUENT_JSON_SCHEMA.equals(converter)) {
            replacement = prefixed(ConverterConfigs.testJsonSchema(registry), prefix);
        } else {
            return;
        }
        config.keySet().removeIf(key -> key.startsWith(prefix + "."));
        config.putAll(replacement);
    }

    /** ConverterConfigs speaks of {@code value.converter}; the same settings serve a key converter. */
    private static Map<String, String> prefixed(Map<String, String> valueConverter, String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        valueConverter.forEach((key, value) -> result.put(prefix + key.substring("value.converter".length()), value));
        return result;
    }
}
