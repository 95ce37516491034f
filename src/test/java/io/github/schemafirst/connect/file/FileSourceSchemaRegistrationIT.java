package io.github.schemafirst.connect.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.it.AvroWireDecoder;
import io.github.schemafirst.connect.it.ConfigValidation;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.JsonSchemaWireDecoder;
import io.github.schemafirst.connect.it.RegisteredSchema;
import io.github.schemafirst.connect.it.RegistryClient;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code value.schema.registration=connector} and {@code value.schema.subject} on the real worker and registry: the
 * registry holds the declared document as written (one version), every record carries its id, a producer that
 * registered the same document first shares it, dead letters find their schema registered, and validate() refuses
 * what would fail at the first record.
 */
class FileSourceSchemaRegistrationIT extends ConnectStackITBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTOR = FileConnectorConfig.CONNECTOR_CLASS;

    /** Apicurio's AvroConverter serializing with the latest registered version, registering nothing itself. */
    private Map<String, String> avroWithLatestVersion() {
        Map<String, String> converter = new java.util.HashMap<>(ConverterConfigs.apicurioAvro(registry));
        converter.put("value.converter.apicurio.registry.auto-register", "false");
        converter.put("value.converter.apicurio.registry.find-latest", "true");
        return converter;
    }

    private ConfigValidation validate(Map<String, String> config) {
        Map<String, String> named = new java.util.HashMap<>(config);
        named.put("name", "registration-check");
        return connect.validate(CONNECTOR, named);
    }

    @Test
    void theDeclaredAvroDocumentIsRegisteredAsWrittenAndSharedWithAProducer(@TempDir Path dir) throws IOException {
        String topic = uniqueTopic("registered-avro");
        String declared = TestResources.text("schemas/declared-user.avsc");
        RegistryClient client = registryClient();
        // a producer (e.g. confluent_kafka with auto.register.schemas) registered the same document first
        int producerId = client.register(topic + "-value", "AVRO", declared);
        TestResources.write(dir, "users.jsonl", List.of(
                "{\"id\":\"123e4567-e89b-12d3-a456-426614174000\",\"name\":\"Ann\",\"nick\":\"a\","
                        + "\"seen\":1717163130123456,\"favorite_number\":3}",
                "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"name\":\"Bo\",\"seen\":1717163130000000}"));
        Map<String, String> config = FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/declared-user.avsc"), "avro")
                .with(avroWithLatestVersion())
                .set("value.schema.registration", "connector")
                .set("value.schema.registry.url", registry.ccompatUrl())
                .toMap();
        assertThat(validate(config).errors()).isEmpty();

        connect.startConnector("registered-avro", config);
        try {
            List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, 2);
            RegisteredSchema latest = client.latest(topic + "-value").orElseThrow();
            assertThat(latest.version()).as("one version: nothing registered besides the producer's").isEqualTo(1);
            assertThat(latest.id()).isEqualTo(producerId);
            assertThat(JSON.readTree(latest.schema())).as("aliases, properties, logical types, docs, defaults")
                    .isEqualTo(JSON.readTree(declared));

            AvroWireDecoder decoder = avroDecoder();
            List<AvroWireDecoder.Decoded> decoded = new ArrayList<>();
            records.forEach(r -> decoded.add(decoder.decode(r.value())));
            assertThat(decoded).allSatisfy(d -> assertThat(d.schemaId()).isEqualTo(producerId));
            GenericRecord ann = decoded.get(0).record();
            assertThat(ann.get("id")).hasToString("123e4567-e89b-12d3-a456-426614174000");
            assertThat(ann.get("seen")).isEqualTo(1717163130123456L);
            assertThat(ann.get("nick")).hasToString("a");
            GenericRecord bo = decoded.get(1).record();
            assertThat(bo.get("favorite_number")).as("the declared default").isEqualTo(7L);
            assertThat(bo.get("nick")).as("the declared default of [\"string\",\"null\"]").hasToString("none");
        } finally {
            connect.deleteConnector("registered-avro");
        }
    }

    @Test
    void theDeclaredJsonSchemaIsRegisteredBeforeTheFirstRecordAndDeadLettersFindTheirs(@TempDir Path dir)
            throws IOException {
        String topic = uniqueTopic("registered-json");
        String deadLetters = topic + "-dlq";
        String declared = TestResources.text("schemas/user.schema.json");
        List<String> lines = new ArrayList<>(TestResources.lines("data/users.jsonl"));
        lines.add(5, "{\"name\":\"Zero\",\"favorite_number\":0,\"favorite_color\":\"red\"}");
        TestResources.write(dir, "users.jsonl", lines);
        Map<String, String> config = FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/user.schema.json"), "json-schema")
                .with(ConverterConfigs.testJsonSchema(registry))
                .set("value.schema.registration", "connector")
                .set("invalid.record.policy", "dead-letter")
                .set("invalid.record.topic", deadLetters)
                .toMap();
        assertThat(validate(config).errors()).isEmpty();
        assertThat(registryClient().latest(topic + "-value")).as("nothing registered before the start").isEmpty();

        connect.startConnector("registered-json", config);
        try {
            List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, 20);
            List<ConsumerRecord<byte[], byte[]>> dead = connect.consume(deadLetters, 1);
            RegisteredSchema latest = registryClient().latest(topic + "-value").orElseThrow();
            assertThat(latest.version()).isEqualTo(1);
            assertThat(latest.schemaType()).isEqualTo("JSON");
            assertThat(JSON.readTree(latest.schema())).as("$schema, required, exclusiveMinimum kept")
                    .isEqualTo(JSON.readTree(declared));

            JsonSchemaWireDecoder decoder = jsonSchemaDecoder();
            assertThat(records).allSatisfy(r -> {
                JsonSchemaWireDecoder.Decoded d = decoder.decode(r.value());
                assertThat(d.schemaId()).isEqualTo(latest.id());
                assertThat(d.violations()).isEmpty();
            });
            RegisteredSchema deadLetterSchema = registryClient().latest(deadLetters + "-value").orElseThrow();
            assertThat(JSON.readTree(deadLetterSchema.schema())).isEqualTo(
                    JSON.readTree("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"string\"}"));
            JsonSchemaWireDecoder.Decoded deadLetter = decoder.decode(dead.get(0).value());
            assertThat(deadLetter.schemaId()).isEqualTo(deadLetterSchema.id());
            assertThat(deadLetter.value().asText()).contains("\"Zero\"");
            assertThat(connect.status("registered-json").tasks()).allSatisfy(t ->
                    assertThat(t.state()).isEqualTo("RUNNING"));
        } finally {
            connect.deleteConnector("registered-json");
        }
    }

    @Test
    void aSchemaTakenFromTheRegistryIsMappedAsIfDeclaredInline(@TempDir Path dir) {
        String topic = uniqueTopic("from-subject");
        String subject = topic + "-declared";
        registryClient().register(subject, "AVRO", TestResources.text("schemas/user.avsc"));
        TestResources.copy("data/users.jsonl", dir, "users.jsonl");
        Map<String, String> config = FileConnectorConfig.of(dir, topic, "jsonl")
                .with(ConverterConfigs.apicurioAvro(registry))
                .set("value.schema.subject", subject)
                .set("value.schema.version", "1")
                .set("value.schema.registry.url", registry.ccompatUrl())
                .set("key.field", "name")
                .toMap();
        assertThat(validate(config).errors()).isEmpty();

        connect.startConnector("from-subject", config);
        try {
            AvroWireDecoder decoder = avroDecoder();
            List<GenericRecord> users = new ArrayList<>();
            connect.consume(topic, 20).forEach(r -> users.add(decoder.decode(r.value()).record()));
            assertThat(users).extracting(u -> u.get("name").toString())
                    .containsExactlyElementsOf(TestResources.users().stream().map(TestResources.User::name).toList());
        } finally {
            connect.deleteConnector("from-subject");
        }
    }

    @Test
    void validateRefusesWhatWouldFailAtTheFirstRecord(@TempDir Path dir) throws IOException {
        String topic = uniqueTopic("preflight");
        String subject = topic + "-value";
        RegistryClient client = registryClient();
        client.register(subject, "AVRO", TestResources.text("schemas/user.avsc"));
        client.setCompatibility(subject, "BACKWARD");
        // a new field without a default: data written before cannot be read with it
        Path incompatible = dir.resolve("user-v2.avsc");
        Files.writeString(incompatible, "{\"type\":\"record\",\"name\":\"User\",\"fields\":["
                + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"favorite_number\",\"type\":\"long\"},"
                + "{\"name\":\"favorite_color\",\"type\":\"string\"},{\"name\":\"email\",\"type\":\"string\"}]}");
        Map<String, String> connectorMode = FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(incompatible, "avro")
                .with(avroWithLatestVersion())
                .set("value.schema.registration", "connector")
                .set("value.schema.registry.url", registry.ccompatUrl())
                .toMap();

        ConfigValidation result = validate(connectorMode);
        assertThat(result.errors()).containsOnlyKeys("value.schema.file");
        assertThat(result.errorsFor("value.schema.file")).singleElement().asString()
                .contains("not compatible").contains("'" + subject + "'");

        connectorMode.put("value.schema.registry.url", "http://127.0.0.1:1");
        result = validate(connectorMode);
        assertThat(result.errors()).containsOnlyKeys("value.schema.registry.url");
        assertThat(result.errorsFor("value.schema.registry.url")).singleElement().asString()
                .contains("value.schema.registry.unreachable=warn");
        connectorMode.put("value.schema.registry.unreachable", "warn");
        assertThat(validate(connectorMode).errors()).isEmpty();

        Map<String, String> missingSubject = FileConnectorConfig.of(dir, topic, "jsonl")
                .with(ConverterConfigs.apicurioAvro(registry))
                .set("value.schema.subject", topic + "-no-such-subject")
                .set("value.schema.registry.url", registry.ccompatUrl())
                .toMap();
        result = validate(missingSubject);
        assertThat(result.errors()).containsOnlyKeys("value.schema.subject");
        assertThat(result.errorsFor("value.schema.subject")).singleElement().asString()
                .contains(topic + "-no-such-subject");
    }
}
