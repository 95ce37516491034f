package io.github.schemafirst.connect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** There is no Docker engine here: the compose file is checked by reading it. */
class DockerComposeTest {
    private static final Path DOCKER = Paths.get("docker");

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("docker-compose.yml").toFile());
    }

    @Test
    void hasTheConfluentPlatformServicesAndTheDemoApi() throws IOException {
        List<String> services = new ArrayList<>();
        compose().get("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).containsExactlyInAnyOrder("kafka", "schema-registry", "connect", "http-api");
        assertThat(compose().at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void everyImageTagIsPinned() throws IOException {
        compose().get("services").forEach(service -> {
            String image = service.get("image").asText();
            assertThat(image).as(image).matches("[a-z0-9./-]+:[0-9]+\\.[0-9]+\\.[0-9]+(-[a-z0-9]+)?");
        });
        assertThat(compose().at("/services/connect/image").asText()).startsWith("confluentinc/cp-kafka-connect:");
        assertThat(compose().at("/services/schema-registry/image").asText())
                .startsWith("confluentinc/cp-schema-registry:");
    }

    @Test
    void exposesTheUsualPorts() throws IOException {
        assertThat(compose().at("/services/kafka/ports/0").asText()).isEqualTo("9092:9092");
        assertThat(compose().at("/services/schema-registry/ports/0").asText()).isEqualTo("8081:8081");
        assertThat(compose().at("/services/connect/ports/0").asText()).isEqualTo("8083:8083");
    }

    @Test
    void everyMountedHostPathExists() throws IOException {
        int mounts = 0;
        for (JsonNode service : compose().get("services")) {
            JsonNode volumes = service.get("volumes");
            if (volumes == null) {
                continue;
            }
            for (JsonNode volume : volumes) {
                String host = volume.asText().split(":")[0];
                assertThat(DOCKER.resolve(host).normalize()).as(volume.asText()).exists();
                mounts++;
            }
        }
        assertThat(mounts).isGreaterThanOrEqualTo(5);
    }

    @Test
    void connectWorkerLoadsThePluginFromTheMountedPluginPath() throws IOException {
        JsonNode connect = compose().at("/services/connect");
        assertThat(connect.at("/environment/CONNECT_PLUGIN_PATH").asText()).contains("/opt/schemafirst/plugins");
        assertThat(connect.get("volumes").toString()).contains("./plugins:/opt/schemafirst/plugins");
        assertThat(connect.at("/environment/CONNECT_VALUE_CONVERTER").asText())
                .isEqualTo("io.confluent.connect.avro.AvroConverter");
    }

    @Test
    void runScriptDeploysExamplesThatExist() throws IOException {
        String script = Files.readString(DOCKER.resolve("run.sh"));
        assertThat(script).contains("docker compose up -d").contains("kafka-avro-console-consumer");
        for (String example : List.of("file-avro", "file-json-schema", "http-none-next-url")) {
            assertThat(script).contains(example);
            assertThat(Paths.get("config", example + ".json")).exists();
        }
        assertThat(DOCKER.resolve("http/users-page-1.json")).exists();
    }
}
