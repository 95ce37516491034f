package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceConnectorTest {
    @TempDir
    Path temp;
    private Path in;
    private final FileSourceConnector connector = new FileSourceConnector();

    @BeforeEach
    void directory() throws IOException {
        in = Files.createDirectory(temp.resolve("in"));
    }

    private Map<String, String> props(String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("connector.class", FileSourceConnector.class.getName());
        props.put("topic", "users");
        props.put(FileSourceConfig.PATH_CONFIG, in.toString());
        props.put(FileSourceConfig.FORMAT_CONFIG, "lines");
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    private Map<String, List<String>> errors(Map<String, String> props) {
        Config config = connector.validate(props);
        return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aGoodConfigHasNoErrors() {
        assertThat(errors(props())).isEmpty();
    }

    @Test
    void anUnparseableSchemaIsReportedOnTheKeyThatGaveIt() throws IOException {
        assertThat(errors(props("value.schema", "{not json")))
                .hasEntrySatisfying("value.schema", m -> assertThat(m).anyMatch(s -> s.contains("not valid JSON")))
                .doesNotContainKey("value.schema.file");

        Path schemaFile = Files.writeString(temp.resolve("bad.avsc"), "{not json");
        assertThat(errors(props("value.schema.file", schemaFile.toString())))
                .hasEntrySatisfying("value.schema.file", m -> assertThat(m).anyMatch(s -> s.contains("not valid JSON")))
                .doesNotContainKey("value.schema");

        assertThat(errors(props("value.schema.file", temp.resolve("missing.avsc").toString())))
                .hasEntrySatisfying("value.schema.file", m -> assertThat(m).anyMatch(s -> s.contains("cannot read")));
    }

    @Test
    void bothSchemaKeysAreAnErrorOnBoth() {
        Map<String, List<String>> errors = errors(props("value.schema", "\"string\"", "value.schema.file", "/x.avsc"));

        assertThat(errors.get("value.schema")).anyMatch(s -> s.contains("give the schema once"));
        assertThat(errors.get("value.schema.file")).anyMatch(s -> s.contains("give the schema once"));
    }

    @Test
    void aFormatOtherThanLinesNeedsASchema() {
        assertThat(errors(props(FileSourceConfig.FORMAT_CONFIG, "csv")).get("value.schema"))
                .anyMatch(s -> s.contains("required for file.format=csv"));
    }

    @Test
    void theDirectoryMustExist() throws IOException {
        assertThat(errors(props(FileSourceConfig.PATH_CONFIG, temp.resolve("nope").toString()))
                .get(FileSourceConfig.PATH_CONFIG)).anyMatch(s -> s.contains("does not exist"));
        Path file = Files.writeString(temp.resolve("plain.txt"), "x");
        assertThat(errors(props(FileSourceConfig.PATH_CONFIG, file.toString())).get(FileSourceConfig.PATH_CONFIG))
                .anyMatch(s -> s.contains("is not a directory"));
        Map<String, String> missing = props();
        missing.remove(FileSourceConfig.PATH_CONFIG);
        assertThat(errors(missing)).containsKey(FileSourceConfig.PATH_CONFIG);
    }

    @Test
    void moveNeedsAnExistingCompletedDirectoryOtherThanTheInputDirectory() throws IOException {
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.MIN_AGE_MS_CONFIG,
                "1000"))
                .get(FileSourceConfig.COMPLETED_DIR_CONFIG)).anyMatch(s -> s.contains("required"));
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.MIN_AGE_MS_CONFIG,
                "1000", FileSourceConfig.COMPLETED_DIR_CONFIG, temp.resolve("nope").toString()))
                .get(FileSourceConfig.COMPLETED_DIR_CONFIG)).anyMatch(s -> s.contains("does not exist"));
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.MIN_AGE_MS_CONFIG,
                "1000", FileSourceConfig.COMPLETED_DIR_CONFIG, in.toString()))
                .get(FileSourceConfig.COMPLETED_DIR_CONFIG)).anyMatch(s -> s.contains("must differ"));
        Path done = Files.createDirectory(temp.resolve("done"));
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.MIN_AGE_MS_CONFIG,
                "1000", FileSourceConfig.COMPLETED_DIR_CONFIG, done.toString()))).isEmpty();
    }

    @Test
    void moveOrDeleteWithoutAMinimumAgeIsRefusedOnTheMinimumAge() throws IOException {
        Path done = Files.createDirectory(temp.resolve("done"));
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "delete")))
                .containsOnlyKeys(FileSourceConfig.MIN_AGE_MS_CONFIG);
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.COMPLETED_DIR_CONFIG,
                done.toString(), FileSourceConfig.MIN_AGE_MS_CONFIG, "0")).get(FileSourceConfig.MIN_AGE_MS_CONFIG))
                .singleElement().asString().startsWith("must be above 0 with file.completed.action=move");
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "delete", FileSourceConfig.MIN_AGE_MS_CONFIG,
                "00"))).containsOnlyKeys(FileSourceConfig.MIN_AGE_MS_CONFIG);
        assertThat(errors(props(FileSourceConfig.COMPLETED_ACTION_CONFIG, "delete", FileSourceConfig.MIN_AGE_MS_CONFIG,
                "1"))).isEmpty();
        assertThat(errors(props())).isEmpty();
    }

    @Test
    void theErrorDirectoryMustExistAndDifferFromTheInputDirectory() throws IOException {
        assertThat(errors(props(FileSourceConfig.ERROR_DIR_CONFIG, temp.resolve("nope").toString()))
                .get(FileSourceConfig.ERROR_DIR_CONFIG)).anyMatch(s -> s.contains("does not exist"));
        assertThat(errors(props(FileSourceConfig.ERROR_DIR_CONFIG, in.toString()))
                .get(FileSourceConfig.ERROR_DIR_CONFIG)).anyMatch(s -> s.contains("broken files would be read again"));
        Path broken = Files.createDirectory(temp.resolve("broken"));
        assertThat(errors(props(FileSourceConfig.ERROR_DIR_CONFIG, broken.toString()))).isEmpty();
    }

    @Test
    void theIdentityIsOneOfItsThreeValues() {
        assertThat(errors(props(FileSourceConfig.IDENTITY_CONFIG, "inode-ish")).get(FileSourceConfig.IDENTITY_CONFIG))
                .anyMatch(s -> s.contains("must be one of [inode, path, device-inode]"));
        assertThat(errors(props(FileSourceConfig.IDENTITY_CONFIG, "device-inode"))).isEmpty();
    }

    @Test
    void deadLetterNeedsATopic() {
        assertThat(errors(props("invalid.record.policy", "dead-letter")).get("invalid.record.topic"))
                .anyMatch(s -> s.contains("required when invalid.record.policy=dead-letter"));
        assertThat(errors(props("invalid.record.policy", "dead-letter", "invalid.record.topic", "users-dlq")))
                .isEmpty();
    }

    @Test
    void keyAndTimestampFieldsMustFitTheValueSchema() {
        Map<String, List<String>> errors = errors(props("key.field", "name", "timestamp.field", "ts"));

        assertThat(errors.get("key.field")).anyMatch(s -> s.contains("key fields need a record/object value schema"));
        assertThat(errors.get("timestamp.field")).anyMatch(s -> s.contains("needs a record/object value schema"));
    }

    @Test
    void perKeyErrorsStillShow() {
        assertThat(errors(props(FileSourceConfig.FORMAT_CONFIG, "xml")).get(FileSourceConfig.FORMAT_CONFIG))
                .anyMatch(s -> s.contains("must be one of"));
    }

    @Test
    void everyTaskGetsTheConfigAndItsSlot() {
        connector.start(props());

        List<Map<String, String>> configs = connector.taskConfigs(3);

        assertThat(configs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(configs.get(i)).containsEntry("task.index", Integer.toString(i)).containsEntry("task.count", "3")
                    .containsEntry("topic", "users");
        }
        assertThat(connector.taskClass()).isEqualTo(FileSourceTask.class);
        assertThat(connector.version()).isNotBlank();
    }

    @Test
    void startRejectsAnInvalidConfig() {
        assertThatThrownBy(() -> connector.start(props(FileSourceConfig.FORMAT_CONFIG, "jsonl")))
                .hasMessageContaining("value.schema");
    }

    @Test
    void supportsExactlyOnceWithPollBoundaries() {
        assertThat(connector.exactlyOnceSupport(props())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(props()))
                .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
    }

    @Test
    void alterOffsetsAcceptsResetsAndWellFormedOffsets() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(FileOffset.partition("2049:17"), null);
        offsets.put(FileOffset.partition("2049:18"), Map.of("position", 120L, "line", 5L, "index", 4L));
        offsets.put(FileOffset.partition("2049:19"), Map.of("position", 0));

        assertThat(connector.alterOffsets(props(), offsets)).isTrue();
    }

    @Test
    void alterOffsetsRejectsMalformedMaps() {
        assertThatThrownBy(() -> connector.alterOffsets(props(),
                Collections.singletonMap(Map.of("file", "a.txt"), Map.of("position", 1L))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("file.key");
        assertThatThrownBy(() -> connector.alterOffsets(props(),
                Collections.singletonMap(FileOffset.partition("1:2"), Map.of("line", 3L))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("'position' is required");
        assertThatThrownBy(() -> connector.alterOffsets(props(),
                Collections.singletonMap(FileOffset.partition("1:2"), Map.of("position", -1L))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> connector.alterOffsets(props(),
                Collections.singletonMap(FileOffset.partition("1:2"), Map.of("position", "12"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> connector.alterOffsets(props(),
                Collections.singletonMap(FileOffset.partition("1:2"), Map.of("position", 10L, "head.length", 4L))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("give both or neither");
        assertThatThrownBy(() -> connector.alterOffsets(props(),
                Collections.singletonMap(FileOffset.partition("1:2"), Map.of("position", 10L, "offset", 4L))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("unknown offset field 'offset'");
    }

    @Test
    void theServiceManifestListsTheConnector() throws IOException {
        try (var in = getClass().getResourceAsStream(
                "/META-INF/services/org.apache.kafka.connect.source.SourceConnector")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes())).contains(FileSourceConnector.class.getName());
        }
    }
}
