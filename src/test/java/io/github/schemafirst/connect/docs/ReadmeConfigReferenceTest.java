package io.github.schemafirst.connect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.file.FileSourceConnector;
import io.github.schemafirst.connect.http.HttpSourceConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference is generated from each connector's ConfigDef and must not drift from it.
 * To regenerate after changing a key: {@code ./mvnw -q -o test -Dtest=ReadmeConfigReferenceTest -Dreadme.update=true}.
 */
class ReadmeConfigReferenceTest {
    private static final Path README = Paths.get("README.md");

    static Map<String, ConfigDef> connectors() {
        Map<String, ConfigDef> defs = new LinkedHashMap<>();
        defs.put("file", new FileSourceConnector().config());
        defs.put("http", new HttpSourceConnector().config());
        return defs;
    }

    @Test
    void readmeReferenceMatchesEveryConnectorsConfigDef() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String expected = readme;
        for (Map.Entry<String, ConfigDef> connector : connectors().entrySet()) {
            expected = replaceSection(expected, connector.getKey(), ConfigReference.markdown(connector.getValue()));
        }
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
        }
        assertThat(readme)
                .as("README config reference is out of date; regenerate with -Dreadme.update=true")
                .isEqualTo(expected);
    }

    @Test
    void everyKeyOfEveryConnectorIsInTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (ConfigDef def : connectors().values()) {
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                if (key.internalConfig) {
                    assertThat(readme).as("README leaves out the internal key " + key.name)
                            .doesNotContain("`" + key.name + "`");
                } else {
                    assertThat(readme).as("README documents " + key.name).contains("| `" + key.name + "` |");
                }
            }
        }
    }

    private static String replaceSection(String readme, String name, String content) {
        String begin = "<!-- BEGIN generated config reference: " + name + " -->\n";
        String end = "<!-- END generated config reference: " + name + " -->";
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        assertThat(from).as("README has the marker " + begin.trim()).isGreaterThanOrEqualTo(0);
        assertThat(to).as("README has the marker " + end).isGreaterThan(from);
        return readme.substring(0, from + begin.length()) + "\n" + content + readme.substring(to);
    }
}
