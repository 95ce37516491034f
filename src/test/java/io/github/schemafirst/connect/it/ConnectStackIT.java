package io.github.schemafirst.connect.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the integration-test stack on Kafka's own FileStreamSourceConnector: records arrive, Avro and JSON Schema
 * wire formats decode independently against the real registry, validation and worker restarts work.
 */
class ConnectStackIT extends ConnectStackITBase {

    @TempDir
    Path dir;

    @Test
    void stringConverterDeliversEveryLine() throws IOException {
        String topic = uniqueTopic("strings");
        Path file = writeLines("strings.txt", 1, 20);

        connect.startConnector("strings", fileSource(file, topic, ConverterConfigs.string()));

        List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, 20);
        assertThat(values(records)).containsExactlyElementsOf(lines(1, 20));
        connect.deleteConnector("strings");
    }

    @Test
    void apicurioAvroConverterWritesConfluentWireFormatThatDecodesIndependently() throws IOException {
        String topic = uniqueTopic("avro");
        Path file = writeLines("avro.txt", 1, 20);

        connect.startConnector("avro", fileSource(file, topic, ConverterConfigs.apicurioAvro(registry)));

        List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, 20);
        RegistryClient client = registryClient();
        assertThat(client.subjects()).contains(topic + "-value");
        RegisteredSchema registered = client.latest(topic + "-value").orElseThrow();
        assertThat(registered.schemaType()).isEqualTo("AVRO");

        AvroWireDecoder decoder = avroDecoder();
        List<AvroWireDecoder.Decoded> decoded = records.stream().map(r -> decoder.decode(r.value())).toList();
        assertThat(decoded).allSatisfy(d -> {
            assertThat(d.schemaId()).isEqualTo(registered.id());
            assertThat(d.writerSchema().getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        });
        assertThat(decoded.stream().map(d -> d.datum().toString())).containsExactlyElementsOf(lines(1, 20));
        connect.deleteConnector("avro");
    }

    @Test
    void testJsonSchemaConverterFramesJsonWithTheLatestRegisteredId() throws IOException {
        String topic = uniqueTopic("jsonschema");
        RegistryClient client = registryClient();
        int id = client.register(topic + "-value", "JSON",
                "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"string\",\"pattern\":\"^line-\"}");
        Path file = writeLines("json.txt", 1, 5);

        connect.startConnector("jsonschema", fileSource(file, topic, ConverterConfigs.testJsonSchema(registry)));

        JsonSchemaWireDecoder decoder = jsonSchemaDecoder();
        List<JsonSchemaWireDecoder.Decoded> decoded = connect.consume(topic, 5).stream()
                .map(r -> decoder.decode(r.value())).toList();
        assertThat(decoded).allSatisfy(d -> {
            assertThat(d.schemaId()).isEqualTo(id);
            assertThat(d.violations()).isEmpty();
        });
        assertThat(decoded.stream().map(d -> d.value().asText())).containsExactlyElementsOf(lines(1, 5));
        assertThat(client.latest(topic + "-value").orElseThrow().id())
                .as("the converter must not register anything").isEqualTo(id);
        connect.deleteConnector("jsonschema");
    }

    @Test
    void jsonSchemaDecoderReportsViolationsOfTheRegisteredSchema() {
        String subject = uniqueTopic("violations") + "-value";
        int id = registryClient().register(subject, "JSON",
                "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"required\":[\"name\"]}");

        JsonSchemaWireDecoder.Decoded decoded = jsonSchemaDecoder().decode(
                ConfluentWireFormat.frame(id, "{\"age\":3}".getBytes(StandardCharsets.UTF_8)));

        assertThat(decoded.violations()).singleElement().asString().contains("name");
    }

    @Test
    void validateReportsErrorsPerKey() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "validated");
        config.put("file", dir.resolve("x.txt").toString());
        config.put("batch.size", "many");

        ConfigValidation invalid = connect.validate(FileStreamSourceConnector.class.getName(), config);

        assertThat(invalid.errors()).containsOnlyKeys("topic", "batch.size");
        assertThat(invalid.errorCount()).isEqualTo(2);
        assertThat(invalid.errorsFor("batch.size")).singleElement().asString().contains("many");
        assertThat(invalid.errorsFor("file")).isEmpty();

        config.put("topic", "t");
        config.put("batch.size", "100");
        assertThat(connect.validate(FileStreamSourceConnector.class.getName(), config).isValid()).isTrue();
    }

    @Test
    void restartedWorkerResumesFromCommittedOffsetsWithoutDuplicates() throws IOException {
        String topic = uniqueTopic("restart");
        Path file = writeLines("restart.txt", 1, 10);
        connect.startConnector("restart", fileSource(file, topic, ConverterConfigs.string()));
        connect.consume(topic, 10);

        connect.restartWorker();
        connect.awaitRunning("restart", 1);
        Files.write(file, lines(11, 20), StandardOpenOption.APPEND);

        connect.consume(topic, 20);
        assertThat(values(connect.consumeAll(topic, false))).containsExactlyElementsOf(lines(1, 20));
        assertThat(connect.committedOffsets("restart")).isNotEmpty();
        connect.deleteConnector("restart");
    }

    private Map<String, String> fileSource(Path file, String topic, Map<String, String> converter) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("file", file.toString());
        config.put("topic", topic);
        config.putAll(converter);
        return config;
    }

    private Path writeLines(String name, int from, int to) throws IOException {
        return Files.write(dir.resolve(name), lines(from, to));
    }

    private static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line-" + i).collect(Collectors.toList());
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
