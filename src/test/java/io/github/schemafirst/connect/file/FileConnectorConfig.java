package io.github.schemafirst.connect.file;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A file source connector config for integration tests, built with the connector's documented keys (see
 * docs/file-connector.md). {@link #toMap()} returns a fresh mutable map each time.
 */
final class FileConnectorConfig {

    /** By name: the ITs compile before the connector class is merged, and fail clearly if it is missing. */
    static final String CONNECTOR_CLASS = "io.github.schemafirst.connect.file.FileSourceConnector";

    private final Map<String, String> config = new HashMap<>();

    private FileConnectorConfig(Path directory, String topic, String format) {
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("file.path", directory.toString());
        config.put("file.format", format);
        // New files are found quickly: tests wait on the listing after dropping a file.
        config.put("file.poll.interval.ms", "200");
    }

    /** Reads {@code format} files from {@code directory} into {@code topic}; no schema, no converter yet. */
    static FileConnectorConfig of(Path directory, String topic, String format) {
        return new FileConnectorConfig(directory, topic, format);
    }

    /** The declared value schema as a file, with its type spelled out (avro or json-schema). */
    FileConnectorConfig schemaFile(Path schema, String type) {
        config.put("value.schema.file", schema.toString());
        config.put("value.schema.type", type);
        return this;
    }

    FileConnectorConfig set(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Adds converter (or any other) settings, e.g. one of {@code ConverterConfigs}. */
    FileConnectorConfig with(Map<String, String> settings) {
        config.putAll(settings);
        return this;
    }

    Map<String, String> toMap() {
        return new HashMap<>(config);
    }
}
