package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.file.read.CsvOptions;
import io.github.schemafirst.connect.file.read.FileFormat;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class FileSourceConfigTest {

    private static Map<String, String> minimal(String... extra) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "users");
        props.put(FileSourceConfig.PATH_CONFIG, "/data/in");
        props.put(FileSourceConfig.FORMAT_CONFIG, "lines");
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    @Test
    void defaults() {
        FileSourceConfig config = new FileSourceConfig(minimal());

        assertThat(config.path()).isEqualTo(Paths.get("/data/in"));
        assertThat(config.pattern()).isEqualTo("*");
        assertThat(config.recursive()).isFalse();
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.minAge()).isEqualTo(Duration.ZERO);
        assertThat(config.completedAction()).isEqualTo(CompletionAction.NONE);
        assertThat(config.completedDir()).isEmpty();
        CsvOptions csv = config.csvOptions();
        assertThat(csv.header()).isTrue();
        assertThat(csv.delimiter()).isEqualTo(',');
        assertThat(csv.quote()).isEqualTo('"');
        assertThat(csv.nullMarker()).isEmpty();
        assertThat(FileSourceConfig.configDef().defaultValues())
                .containsEntry(FileSourceConfig.FORMAT_CONFIG, "jsonl");
    }

    @Test
    void typedAccessors() {
        FileSourceConfig config = new FileSourceConfig(minimal(FileSourceConfig.FORMAT_CONFIG, "LINES",
                FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.COMPLETED_DIR_CONFIG, "/data/done",
                FileSourceConfig.CSV_DELIMITER_CONFIG, "\\t", FileSourceConfig.PATTERN_CONFIG, "*.{txt,log}"));

        assertThat(config.format()).isEqualTo(FileFormat.LINES);
        assertThat(config.completedAction()).isEqualTo(CompletionAction.MOVE);
        assertThat(config.completedDir()).contains(Paths.get("/data/done"));
        assertThat(config.csvOptions().delimiter()).isEqualTo('\t');
        assertThat(config.fileNameMatcher().matches(Paths.get("a.log"))).isTrue();
        assertThat(config.fileNameMatcher().matches(Paths.get("a.csv"))).isFalse();
    }

    @Test
    void everyFileKeyIsInTheFileOrCsvGroupWithDocumentation() {
        for (ConfigDef.ConfigKey key : FileSourceConfig.configDef().configKeys().values()) {
            if (key.name.startsWith("file.")) {
                assertThat(key.group).as(key.name).isIn(FileSourceConfig.GROUP_FILE, FileSourceConfig.GROUP_CSV);
                assertThat(key.documentation).as(key.name).isNotBlank();
            }
        }
        assertThat(FileSourceConfig.configDef().configKeys().get(FileSourceConfig.FORMAT_CONFIG).recommender
                .validValues(FileSourceConfig.FORMAT_CONFIG, Map.of()))
                .containsExactly("jsonl", "json-array", "csv", "lines");
    }

    @Test
    void rejectsBadValuesWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> new FileSourceConfig(minimal(FileSourceConfig.FORMAT_CONFIG, "xml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FileSourceConfig.FORMAT_CONFIG)
                .hasMessageContaining("jsonl");
        assertThatThrownBy(() -> new FileSourceConfig(minimal(FileSourceConfig.CSV_DELIMITER_CONFIG, ";;")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one character");
        assertThatThrownBy(() -> new FileSourceConfig(minimal(FileSourceConfig.PATTERN_CONFIG, "*.{txt")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a valid glob");
        assertThatThrownBy(() -> new FileSourceConfig(minimal(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FileSourceConfig.POLL_INTERVAL_MS_CONFIG);
        assertThatThrownBy(() -> new FileSourceConfig(minimal(FileSourceConfig.COMPLETED_ACTION_CONFIG, "archive")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("none, move, delete");
    }

    @Test
    void withoutASchemaOnlyLinesCanBeRead() {
        Map<String, String> props = minimal();
        props.remove(FileSourceConfig.FORMAT_CONFIG); // the default, jsonl

        assertThatThrownBy(() -> new FileSourceConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.schema").hasMessageContaining("file.format=jsonl");
    }

    @Test
    void moveNeedsACompletedDirectory() {
        assertThatThrownBy(() -> new FileSourceConfig(minimal(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FileSourceConfig.COMPLETED_DIR_CONFIG);
    }
}
