package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.CommonConfigValidation;
import io.github.schemafirst.connect.core.DeclaredSchemaSource;
import io.github.schemafirst.connect.core.SchemafirstSourceConfig;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.schema.SchemaType;
import io.github.schemafirst.connect.schema.TemporalMapping;
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
 * directories exist (or the bucket can be listed, see {@link ObjectStorageValidation}), key and timestamp fields
 * are in the schema, dead letters have a topic. Each problem is put on
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
        if (!CommonConfigValidation.schemaGivenAtMostOnce(props, this::error)) {
            return Optional.empty();
        }
        String schemaFree = FileSourceConfig.schemaFreeFormatError(DeclaredSchemaSource.from(props).isDeclared(),
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
        if (hasErrors(SchemafirstSourceConfig.VALUE_SCHEMA_JSON_TEMPORAL_CONFIG)) {
            return Optional.empty();
        }
        String temporalText = raw(SchemafirstSourceConfig.VALUE_SCHEMA_JSON_TEMPORAL_CONFIG);
        TemporalMapping temporal = temporalText.isEmpty() ? TemporalMapping.LOGICAL
                : TemporalMapping.fromConfigValue(temporalText);
        return CommonConfigValidation.valueSchema(props, type, temporal, this::error);
    }

    private void checkDirectories() {
        if (ObjectStorageSettings.isS3(raw(FileSourceConfig.PATH_CONFIG))) {
            boolean keyErrors = false;
            for (String key : values.keySet()) {
                keyErrors |= (key.startsWith("s3.") || key.equals(FileSourceConfig.PATH_CONFIG)) && hasErrors(key);
            }
            ObjectStorageValidation.check(props, this::error, keyErrors);
            return; // objects appear whole: no minimum age is needed before they are moved or deleted
        }
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
        checkMinAge(action);
        if (!raw(FileSourceConfig.ERROR_DIR_CONFIG).isEmpty()) {
            checkTargetDirectory(FileSourceConfig.ERROR_DIR_CONFIG, dir, "broken files");
        }
        if (!CompletionAction.MOVE.configValue().equalsIgnoreCase(action)) {
            return;
        }
        if (raw(FileSourceConfig.COMPLETED_DIR_CONFIG).isEmpty()) {
            error(FileSourceConfig.COMPLETED_DIR_CONFIG, "required when file.completed.action=move");
            return;
        }
        checkTargetDirectory(FileSourceConfig.COMPLETED_DIR_CONFIG, dir, "moved files");
    }

    /**
     * Moving or deleting a file as soon as it is read to its end, with no idle time, finishes a file its writer is
     * still appending to: the half-written last line would be read as a record and the rest lost with the file.
     * A writer that renames a finished file into place is safe with any small age, so asking for one costs nothing.
     */
    private void checkMinAge(String action) {
        boolean finishes = CompletionAction.MOVE.configValue().equalsIgnoreCase(action)
                || CompletionAction.DELETE.configValue().equalsIgnoreCase(action);
        if (!finishes || hasErrors(FileSourceConfig.MIN_AGE_MS_CONFIG)) {
            return;
        }
        String minAge = raw(FileSourceConfig.MIN_AGE_MS_CONFIG);
        if (minAge.isEmpty() || Long.parseLong(minAge) <= 0) {
            error(FileSourceConfig.MIN_AGE_MS_CONFIG, "must be above 0 with file.completed.action=" + action
                    + ": a file is " + action + "d once it has been idle this long at its end, and with 0 a file "
                    + "still being written would be " + action + "d with its last line cut. Set it above the "
                    + "longest pause of your writers (e.g. 5000), or at least 1 when writers rename finished files "
                    + "into place");
        }
    }

    private void checkTargetDirectory(String key, Path sourceDir, String what) {
        Path target = path(key);
        if (target == null) {
            return;
        }
        String problem = directoryProblem(target, true);
        if (problem != null) {
            error(key, problem);
        } else if (sourceDir != null && sameDirectory(sourceDir, target)) {
            error(key, "must differ from file.path, or " + what + " would be read again");
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
