package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in config/ passes the connector's validation, so the docs never show a config that fails. */
class ConfigExamplesTest {

    static Stream<Path> examples() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Paths.get("config"))) {
            files = listing.filter(p -> p.getFileName().toString().startsWith("http-")).sorted()
                    .collect(Collectors.toList());
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(18);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsValid(Path file) throws IOException {
        Map<String, String> config = new HashMap<>();
        if (file.toString().endsWith(".json")) {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            json.fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        } else {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
            props.stringPropertyNames().forEach(k -> config.put(k, props.getProperty(k)));
        }
        assertThat(config.get("connector.class")).isEqualTo(HttpSourceConnector.class.getName());
        // the examples name the schema where docker/docker-compose.yml mounts config/schemas
        config.replaceAll((k, v) -> v.replace("/opt/schemafirst/schemas/", "config/schemas/"));
        Map<String, List<String>> errors = new HttpSourceConnector().validate(config).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors).as(file.toString()).isEmpty();
    }
}
