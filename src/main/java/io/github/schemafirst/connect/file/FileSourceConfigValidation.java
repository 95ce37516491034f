package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.CommonConfigValidation;
import io.github.schemafirst.connect.core.SchemafirstSourceConfig;
import io.github.schemafirst.connect.schema.SchemaType;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;

/**
 * The checks {@code validate()} makes across keys, after each key's own validator: the declared schema loads, the
 * directories exist, key and timestamp fields are in the schema, dead letters have a topic. Each problem is put on
 * the key a user has to change, so {@code PUT /connector-plugins/.../config/validate} points at it.
 */
final class FileSourceConfigValidation {
    private final Map<String, String> props;
    private final Map<String, ConfigValue> values = new HashMap<>();

    private FileSourceConfigValidation(Map<String, String> props, Config config) {
        this.props = props;
        for (ConfigValue value : config.configValues()) {
            values.put(value.name(), value);
        }
    }

    /** Adds the cross-key errors to {@code config} (which holds the per-key results) and returns it. */
    static Config validate(Map<String, String> props, Config config) {
        new FileSourceConfigValidation(props, config).run();
        return config;
    }

    private void run() {
        Optional<Schema> valueSchema = checkSchema();
        checkDirectories();
        CommonConfigValidation.checkDeadLetter(raw(SchemafirstSourceConfig.INVALID_RECORD_POLICY_CONFIG),
                raw(SchemafirstSourceConfig.INVALID_RECORD_TOPIC_CONFIG), this::error);
        valueSchema.ifPresent(this::checkFields);
    }

    /** @return the value schema records will have (STRING without a declared schema); empty when it cannot load */
    private Optional<Schema> checkSchema() {
        String inline = raw(SchemafirstSourceConfig.VALUE_SCHEMA_CONFIG);
        String file = raw(SchemafirstSourceConfig.VALUE_SCHEMA_FILE_CONFIG);
        if (!CommonConfigValidation.schemaGivenAtMostOnce(inline, file, this::error)) {
            return Optional.empty();
        }
        String schemaFree = FileSourceConfig.schemaFreeFormatError(inline, file,
                props.getOrDefault(FileSourceConfig.FORMAT_CONFIG, FileSourceConfig.FORMAT_DEFAULT));
        if (schemaFree != null) {
            error(SchemafirstSourceConfig.VALUE_SCHEMA_CONFIG, schemaFree);
            return Optional.empty();
        }
        if (hasErrors(SchemafirstSourceConfig.VALUE_SCHEMA_TYPE_CONFIG)) {
            return Optional.empty();
        }
        String typeText = raw(SchemafirstSourceConfig.VALUE_SCHEMA_TYPE_CONFIG);
        SchemaType type = typeText.isEmpty() ? null : SchemaType.fromConfigValue(typeText);
        return CommonConfigValidation.valueSchema(inline, file, type, this::error);
    }

    private void checkDirectories() {
        Path dir = null;
        if (!hasErrors(FileSourceConfig.PATH_CONFIG)) {
            dir = path(FileSourceConfig.PATH_CONFIG);
            if (dir != null) {
                String problem = directoryProblem(dir, false);
                if (problem != null) {
                    error(FileSourceConfig.PATH_CONFIG, problem);
                }
            }
        }
        String action = props.getOrDefault(FileSourceConfig.COMPLETED_ACTION_CONFIG,
                FileSourceConfig.COMPLETED_ACTION_DEFAULT).trim();
        if (!CompletionAction.MOVE.configValue().equalsIgnoreCase(action)) {
            return;
        }
        if (raw(FileSourceConfig.COMPLETED_DIR_CONFIG).isEmpty()) {
            error(FileSourceConfig.COMPLETED_DIR_CONFIG, "required when file.completed.action=move");
            return;
        }
        Path completed = path(FileSourceConfig.COMPLETED_DIR_CONFIG);
        if (completed == null) {
            return;
        }
        String problem = directoryProblem(completed, true);
        if (problem != null) {
            error(FileSourceConfig.COMPLETED_DIR_CONFIG, problem);
        } else if (dir != null && sameDirectory(dir, completed)) {
            error(FileSourceConfig.COMPLETED_DIR_CONFIG, "must differ from file.path, or moved files would be "
                    + "read again");
        }
    }

    private void checkFields(Schema valueSchema) {
        List<String> keyFields = new ArrayList<>();
        for (String field : raw(SchemafirstSourceConfig.KEY_FIELD_CONFIG).split(",")) {
            if (!field.trim().isEmpty()) {
                keyFields.add(field.trim());
            }
        }
        String timestampField = raw(SchemafirstSourceConfig.TIMESTAMP_FIELD_CONFIG);
        CommonConfigValidation.checkFields(keyFields,
                timestampField.isEmpty() ? Optional.empty() : Optional.of(timestampField), valueSchema, this::error);
    }

    private static String directoryProblem(Path dir, boolean mustBeWritable) {
        if (!Files.exists(dir)) {
            return "directory " + dir + " does not exist (on the worker validating this config)";
        }
        if (!Files.isDirectory(dir)) {
            return dir + " is not a directory";
        }
        if (!Files.isReadable(dir)) {
            return "directory " + dir + " is not readable by the worker";
        }
        if (mustBeWritable && !Files.isWritable(dir)) {
            return "directory " + dir + " is not writable by the worker";
        }
        return null;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private Path path(String key) {
        try {
            return Paths.get(raw(key));
        } catch (InvalidPathException e) {
            error(key, "not a valid path: " + e.getMessage());
            return null;
        }
    }

    private String raw(String key) {
        String value = props.get(key);
        return value == null ? "" : value.trim();
    }

    private boolean hasErrors(String key) {
        ConfigValue value = values.get(key);
        return value != null && !value.errorMessages().isEmpty();
    }

    private void error(String key, String message) {
        ConfigValue value = values.computeIfAbsent(key, ConfigValue::new);
        value.addErrorMessage(message);
    }
}
