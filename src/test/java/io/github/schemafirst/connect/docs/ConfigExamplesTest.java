package io.github.schemafirst.connect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.file.FileSourceConnector;
import io.github.schemafirst.connect.http.HttpSourceConnector;
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
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in config/ passes its connector's own validate(), and each .properties has a .json twin with the
 * same settings, so the docs never show a config that fails.
 */
class ConfigExamplesTest {
    private static final String MOUNT = "/opt/schemafirst/";

    @TempDir
    static Path mount;

    static Stream<Path> examples() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Paths.get("config"))) {
            files = listing.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".properties"))
                    .sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        return files.stream();
    }

    /** The S3 examples use the worker's default AWS credential chain: here, its system-property link. */
    @BeforeAll
    static void credentialsForTheDefaultChain() {
        System.setProperty("aws.accessKeyId", "AKIAEXAMPLE");
        System.setProperty("aws.secretAccessKey", "example-secret");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsValid(Path file) throws IOException {
        Map<String, String> config = read(file);
        SourceConnector connector = connectorFor(config.get("connector.class"));
        // The examples use the paths docker/docker-compose.yml mounts; schemas come from config/schemas, and
        // every other path gets a directory of its own so the directory checks can pass.
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String value = entry.getValue();
            if (value.startsWith(MOUNT + "schemas/")) {
                entry.setValue(value.replace(MOUNT + "schemas/", "config/schemas/"));
            } else if (value.startsWith(MOUNT) && !entry.getKey().contains("truststore")) {
                Path local = mount.resolve(value.substring(MOUNT.length()));
                Files.createDirectories(local);
                entry.setValue(local.toString());
            }
        }
        // the examples' registry (schema-registry:8081) is not there: every other registry check still runs
        config.putIfAbsent("value.schema.registry.unreachable", "warn");
        // nor are their buckets (S3 and minio:9000 do not resolve here): every other S3 check still runs
        config.putIfAbsent("s3.unreachable", "warn");
        Map<String, List<String>> errors = connector.validate(config).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors).as(file.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void propertiesAndJsonFormsSayTheSame(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".properties")) {
            return;
        }
        Path json = file.resolveSibling(name.replace(".properties", ".json"));
        assertThat(json).as("REST form of " + name).exists();
        Map<String, String> properties = read(file);
        properties.remove("name");
        assertThat(read(json)).isEqualTo(properties);
    }

    private static SourceConnector connectorFor(String connectorClass) {
        if (FileSourceConnector.class.getName().equals(connectorClass)) {
            return new FileSourceConnector();
        }
        assertThat(connectorClass).isEqualTo(HttpSourceConnector.class.getName());
        return new HttpSourceConnector();
    }

    private static Map<String, String> read(Path file) throws IOException {
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
        return config;
    }
}
