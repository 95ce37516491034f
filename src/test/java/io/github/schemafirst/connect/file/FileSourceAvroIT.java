package io.github.schemafirst.connect.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.schemafirst.connect.file.TestResources.User;
import io.github.schemafirst.connect.it.AvroWireDecoder;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.RegisteredSchema;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Avro path end to end: JSON lines validated against a declared {@code .avsc}, written by Apicurio's
 * AvroConverter with auto-registration, decoded independently (writer schema by id from the registry), and the
 * registered schema compared with the declared one.
 */
class FileSourceAvroIT extends ConnectStackITBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void usersArriveAsAvroUnderTheDeclaredSchema(@TempDir Path dir) {
        String topic = uniqueTopic("avro-users");
        TestResources.copy("data/users.jsonl", dir, "users.jsonl");
        Map<String, String> config = FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/user.avsc"), "avro")
                .with(ConverterConfigs.apicurioAvro(registry))
                .toMap();

        connect.startConnector("avro-users", config);
        try {
            List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, 20);
            AvroWireDecoder decoder = avroDecoder();
            List<AvroWireDecoder.Decoded> decoded = records.stream().map(r -> decoder.decode(r.value())).toList();

            assertThat(decoded.stream().map(d -> toUser(d.record()))).containsExactlyElementsOf(TestResources.users());
            RegisteredSchema registered = registryClient().latest(topic + "-value").orElseThrow();
            assertThat(decoded).allSatisfy(d -> assertThat(d.schemaId()).isEqualTo(registered.id()));
            Schema declared = new Schema.Parser().parse(TestResources.text("schemas/user.avsc"));
            assertThat(canonical(registered)).isEqualTo(SchemaNormalization.toParsingForm(declared));
            assertThat(connect.consumeAll(topic, false)).as("no record written twice").hasSize(20);
        } finally {
            connect.deleteConnector("avro-users");
        }
    }

    /**
     * The rich schema of CONFLUENT-FACTS.md with the converter settings docs/avro.md recommends
     * ({@code enhanced.avro.schema.support=true}, {@code connect.meta.data=false}): the registered schema must
     * equal the declared one in Parsing Canonical Form, and the values must decode as declared.
     */
    @Test
    void richSchemaIsRegisteredInTheDeclaredCanonicalForm(@TempDir Path dir) throws IOException {
        String topic = uniqueTopic("avro-rich");
        TestResources.write(dir, "rich.jsonl", List.of(
                "{\"name\":\"Ann\",\"favorite_number\":3,\"color\":\"RED\",\"nick\":null,"
                        + "\"address\":{\"street\":\"Main 1\",\"zip\":\"12345\"},\"tags\":[\"a\",\"b\"],"
                        + "\"attrs\":{\"k\":\"v\"},\"ts\":\"2024-05-31T13:45:30.123Z\",\"amount\":\"12.30\","
                        + "\"id\":\"123e4567-e89b-12d3-a456-426614174000\"}",
                "{\"name\":\"Bo\",\"color\":\"BLUE\",\"nick\":\"bobo\","
                        + "\"address\":{\"street\":\"Side 2\",\"zip\":\"99\"},\"tags\":[],"
                        + "\"attrs\":{},\"ts\":1717163130123,\"amount\":0.5,"
                        + "\"id\":\"00000000-0000-0000-0000-000000000001\"}"));
        Map<String, String> config = FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/rich-user.avsc"), "avro")
                .with(ConverterConfigs.apicurioAvro(registry))
                .set("value.converter.enhanced.avro.schema.support", "true")
                .set("value.converter.connect.meta.data", "false")
                .toMap();

        connect.startConnector("avro-rich", config);
        try {
            List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, 2);
            RegisteredSchema registered = registryClient().latest(topic + "-value").orElseThrow();
            Schema declared = new Schema.Parser().parse(TestResources.text("schemas/rich-user.avsc"));
            System.out.printf("[finding] rich-user.avsc as registered by Apicurio's AvroConverter"
                    + " (enhanced.avro.schema.support=true, connect.meta.data=false):%n  declared:   %s%n"
                    + "  registered: %s%n", declared, registered.schema());
            assertThat(canonical(registered)).isEqualTo(SchemaNormalization.toParsingForm(declared));
            // Beyond canonical form: docs, namespace, defaults and logical types survive too, except the uuid
            // logical type, which AvroData (Apicurio's copy, as Confluent's) maps to a plain Connect string.
            ObjectNode expected = (ObjectNode) JSON.readTree(TestResources.text("schemas/rich-user.avsc"));
            ((ObjectNode) expected.withArray("fields").get(9)).put("type", "string");
            assertThat(JSON.readTree(registered.schema())).isEqualTo(expected);

            AvroWireDecoder decoder = avroDecoder();
            GenericRecord ann = decoder.decode(records.get(0).value()).record();
            GenericRecord bo = decoder.decode(records.get(1).value()).record();
            assertThat(ann.get("name")).hasToString("Ann");
            assertThat(ann.get("favorite_number")).isEqualTo(3L);
            assertThat(ann.get("color")).hasToString("RED");
            assertThat(ann.get("nick")).isNull();
            GenericRecord address = (GenericRecord) ann.get("address");
            assertThat(address.get("street")).hasToString("Main 1");
            assertThat(address.get("zip")).hasToString("12345");
            assertThat(strings((List<?>) ann.get("tags"))).containsExactly("a", "b");
            assertThat(stringMap((Map<?, ?>) ann.get("attrs"))).containsExactlyEntriesOf(Map.of("k", "v"));
            assertThat(ann.get("ts")).isEqualTo(1717163130123L);
            assertThat(decimal(ann, "amount")).isEqualByComparingTo("12.30").extracting(BigDecimal::scale).isEqualTo(2);
            assertThat(ann.get("id")).hasToString("123e4567-e89b-12d3-a456-426614174000");

            assertThat(bo.get("favorite_number")).as("the declared default").isEqualTo(7L);
            assertThat(bo.get("color")).hasToString("BLUE");
            assertThat(bo.get("nick")).hasToString("bobo");
            assertThat((List<?>) bo.get("tags")).isEmpty();
            assertThat((Map<?, ?>) bo.get("attrs")).isEmpty();
            assertThat(bo.get("ts")).isEqualTo(1717163130123L);
            assertThat(decimal(bo, "amount")).isEqualByComparingTo("0.50").extracting(BigDecimal::scale).isEqualTo(2);
        } finally {
            connect.deleteConnector("avro-rich");
        }
    }

    private static User toUser(GenericRecord record) {
        return new User(record.get("name").toString(), (Long) record.get("favorite_number"),
                record.get("favorite_color").toString());
    }

    private static String canonical(RegisteredSchema registered) {
        assertThat(registered.schemaType()).isEqualTo("AVRO");
        return SchemaNormalization.toParsingForm(new Schema.Parser().parse(registered.schema()));
    }

    private static BigDecimal decimal(GenericRecord record, String field) {
        Schema schema = record.getSchema().getField(field).schema();
        return new Conversions.DecimalConversion().fromBytes(
                (ByteBuffer) record.get(field), schema, LogicalTypes.fromSchema(schema));
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }

    private static Map<String, String> stringMap(Map<?, ?> values) {
        return values.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toString(),
                e -> e.getValue().toString()));
    }
}
