package io.github.schemafirst.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Confluent Hub archive as a user installs it: its layout and manifest, and the connector running from the
 * unpacked archive alone on a worker's {@code plugin.path} ({@code plugin.discovery=service_load}, nothing of the
 * project on the worker's class path), writing the archive's own example data as Avro.
 */
class HubArchiveIT extends WorkerProcessITBase {

    private static final String CONNECTOR = "io.github.schemafirst.connect.file.FileSourceConnector";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void archiveHasTheConfluentHubLayout() {
        Path root = plugin.directory();
        String version = projectVersion();

        assertThat(root.getFileName().toString()).isEqualTo("schemafirst-kafka-connect-schemafirst-" + version);
        assertThat(root.resolve("manifest.json")).isRegularFile();
        assertThat(root.resolve("lib")).isDirectory();
        assertThat(root.resolve("etc")).isDirectory();
        assertThat(root.resolve("doc/README.md")).isRegularFile();
        assertThat(root.resolve("doc/LICENSE")).isRegularFile();
        assertThat(root.resolve("assets")).isDirectory();
        assertThat(root.resolve("etc/schemas/user.avsc")).isRegularFile();
        assertThat(root.resolve("etc/data/users.jsonl")).isRegularFile();
    }

    @Test
    void libHoldsTheConnectorAndItsDependenciesButNothingTheWorkerProvides() throws IOException {
        List<String> jars = plugin.libJarNames();
        String connectorJar = "kafka-connect-schemafirst-" + projectVersion() + ".jar";

        assertThat(jars).contains(connectorJar);
        assertThat(jars).anyMatch(jar -> jar.startsWith("jackson-databind-"))
                .anyMatch(jar -> jar.startsWith("avro-"))
                .anyMatch(jar -> jar.startsWith("json-schema-validator-"))
                .anyMatch(jar -> jar.startsWith("commons-csv-"))
                // S3 sources: the SDK's S3 and STS (web identity) modules with the blocking Apache 5 client only.
                .anyMatch(jar -> jar.startsWith("s3-"))
                .anyMatch(jar -> jar.startsWith("sts-"))
                .anyMatch(jar -> jar.startsWith("apache5-client-"))
                .noneMatch(jar -> jar.contains("netty"))
                .noneMatch(jar -> jar.startsWith("aws-crt"))
                .noneMatch(jar -> jar.startsWith("apache-client-") || jar.startsWith("httpclient-4"));
        assertThat(jars).filteredOn(jar -> !jar.equals(connectorJar))
                .noneMatch(jar -> jar.startsWith("kafka-") || jar.startsWith("kafka_"))
                .noneMatch(jar -> jar.startsWith("connect-"))
                .noneMatch(jar -> jar.startsWith("slf4j-"));
        try (JarFile jar = new JarFile(plugin.directory().resolve("lib").resolve(connectorJar).toFile())) {
            var manifest = jar.getEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector");
            assertThat(manifest).as("ServiceLoader manifest for source connectors").isNotNull();
            String listed = new String(jar.getInputStream(manifest).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(listed.lines().map(String::trim)).contains(CONNECTOR);
        }
    }

    @Test
    void manifestDescribesTheComponent() throws IOException {
        Path file = plugin.directory().resolve("manifest.json");
        String text = Files.readString(file);
        JsonNode manifest = JSON.readTree(text);

        assertThat(text).as("unfiltered build placeholders").doesNotContain("${");
        assertThat(manifest.path("name").asText()).isEqualTo("kafka-connect-schemafirst");
        assertThat(manifest.path("version").asText()).isEqualTo(projectVersion());
        assertThat(manifest.path("title").asText()).isNotBlank();
        assertThat(manifest.path("description").asText()).isNotBlank();
        assertThat(texts(manifest.path("component_types"))).containsExactly("source");
        assertThat(texts(manifest.path("features").path("delivery_guarantee")))
                .containsExactlyInAnyOrder("at_least_once", "exactly_once");
        assertThat(manifest.path("features").path("kafka_connect_api").asBoolean()).isTrue();
        assertThat(manifest.path("owner").path("username").asText()).isEqualTo("schemafirst");
        assertThat(manifest.path("owner").path("name").asText()).isNotBlank();
        assertThat(manifest.path("license")).isNotEmpty();
        assertThat(manifest.path("license").get(0).path("name").asText()).contains("Apache");
        assertThat(texts(manifest.path("tags"))).contains("avro", "json schema", "file");
        assertThat(texts(manifest.path("requirements"))).isNotEmpty();
        assertThat(manifest.path("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(plugin.directory().resolve(manifest.path("logo").asText())).isRegularFile();
    }

    @Test
    void connectorRunsFromTheUnpackedArchiveAlone() throws IOException {
        List<Path> workerClasspath = KafkaRuntimeClasspath.without(plugin.libJarNames());
        assertThat(classpathEntriesHolding(workerClasspath, CONNECTOR.replace('.', '/') + ".class"))
                .as("worker class path entries that hold the connector").isEmpty();
        assertThat(classpathEntriesHolding(workerClasspath, "org/apache/avro/Schema.class"))
                .as("worker class path entries that hold Avro").isEmpty();

        String group = "hub-" + System.nanoTime();
        String topic = group + "-users";
        Path input = Files.createDirectories(dir.resolve("in"));
        Path users = Files.copy(plugin.directory().resolve("etc/data/users.jsonl"), input.resolve("users.jsonl"));
        SchemaRegistryProcess registry = registry();
        WorkerProcess worker = startWorker(worker().groupId(group));

        JsonNode plugins = worker.rest().connectorPlugins();
        assertThat(plugins).anySatisfy(p -> {
            assertThat(p.path("class").asText()).isEqualTo(CONNECTOR);
            assertThat(p.path("type").asText()).isEqualTo("source");
            assertThat(p.path("version").asText()).isEqualTo(projectVersion());
        });

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("file.path", input.toString());
        config.put("file.pattern", "*.jsonl");
        config.put("file.format", "jsonl");
        config.put("value.schema.file", plugin.directory().resolve("etc/schemas/user.avsc").toString());
        config.putAll(ConverterConfigs.apicurioAvro(registry));
        Map<String, String> named = new HashMap<>(config);
        named.put("name", "hub-users");
        assertThat(worker.rest().validate(CONNECTOR, named).errors()).isEmpty();

        worker.rest().configureConnector("hub-users", config);
        worker.rest().awaitRunning("hub-users", 1, TIMEOUT);
        awaitEndOffset(topic, 20, false, TIMEOUT, worker);

        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(users)) {
            expected.add(JSON.readTree(line));
        }
        AvroWireDecoder decoder = new AvroWireDecoder(registry.client());
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, false);
        assertThat(records).hasSize(expected.size()).hasSize(20);
        for (int i = 0; i < records.size(); i++) {
            GenericRecord user = decoder.decode(records.get(i).value()).record();
            JsonNode want = expected.get(i);
            assertThat(user.get("name").toString()).isEqualTo(want.path("name").asText());
            assertThat(user.get("favorite_number")).isEqualTo(want.path("favorite_number").asLong());
            assertThat(user.get("favorite_color").toString()).isEqualTo(want.path("favorite_color").asText());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<Path> classpathEntriesHolding(List<Path> classpath, String resource) throws IOException {
        List<Path> holding = new ArrayList<>();
        for (Path entry : classpath) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                if (jar.getEntry(resource) != null) {
                    holding.add(entry);
                }
            }
        }
        return holding;
    }

    private static String projectVersion() {
        String version = System.getProperty("project.version");
        assertThat(version).as("system property project.version (set by failsafe)").isNotBlank();
        return version;
    }
}
