package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConfigValidation;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /connector-plugins/FileSourceConnector/config/validate} on the real worker: each mistake is reported on
 * the key to change, and nothing else is flagged.
 */
class FileSourceValidateIT extends ConnectStackITBase {

    @Test
    void soundConfigHasNoErrors(@TempDir Path dir) {
        ConfigValidation result = validate(valid(dir));

        assertThat(result.errors()).isEmpty();
        assertThat(result.errorCount()).isZero();
    }

    @Test
    void badSchemaDocumentIsReportedOnValueSchema(@TempDir Path dir) {
        FileConnectorConfig config = valid(dir).set("value.schema",
                "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"name\",\"type\":\"strin\"}]}");
        config.set("value.schema.file", "");

        ConfigValidation result = validate(config);

        assertThat(result.errors()).containsOnlyKeys("value.schema");
        assertThat(result.errorsFor("value.schema")).singleElement().asString()
                .contains("/fields/0/type").contains("strin");
    }

    @Test
    void missingDirectoryIsReportedOnFilePath(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir");

        ConfigValidation result = validate(valid(dir).set("file.path", missing.toString()));

        assertThat(result.errors()).containsOnlyKeys("file.path");
        assertThat(result.errorsFor("file.path")).singleElement().asString().contains(missing.toString());
    }

    @Test
    void moveWithoutCompletedDirIsReportedOnCompletedDir(@TempDir Path dir) {
        ConfigValidation result = validate(valid(dir).set("file.completed.action", "move")
                .set("file.min.age.ms", "1000"));

        assertThat(result.errors()).containsOnlyKeys("file.completed.dir");
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void deadLetterWithoutTopicIsReportedOnInvalidRecordTopic(@TempDir Path dir) {
        ConfigValidation result = validate(valid(dir).set("invalid.record.policy", "dead-letter"));

        assertThat(result.errors()).containsOnlyKeys("invalid.record.topic");
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void useLatestVersionWithAutoRegistrationIsReportedOnTheConverterKey(@TempDir Path dir) {
        // Confluent's converters are not on this worker: the test converter (a real class the worker can load)
        // carries the same settings.
        FileConnectorConfig config = valid(dir)
                .with(ConverterConfigs.testJsonSchema(registry))
                .set("value.converter.use.latest.version", "true");

        ConfigValidation result = validate(config);

        assertThat(result.errors()).containsOnlyKeys("value.converter.use.latest.version");
        assertThat(result.errorsFor("value.converter.use.latest.version")).singleElement().asString()
                .contains("auto.register.schemas=false");

        config.set("value.converter.auto.register.schemas", "false");
        assertThat(validate(config).errors()).as("with auto.register.schemas=false").isEmpty();
    }

    private ConfigValidation validate(FileConnectorConfig config) {
        return connect.validate(FileConnectorConfig.CONNECTOR_CLASS, config.toMap());
    }

    private FileConnectorConfig valid(Path dir) {
        Map<String, String> converter = ConverterConfigs.string();
        return FileConnectorConfig.of(dir, "validated", "jsonl")
                .set("name", "validated")
                .schemaFile(TestResources.path("schemas/user.avsc"), "avro")
                .with(converter);
    }
}
