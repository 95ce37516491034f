package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.file.TestResources.User;
import io.github.schemafirst.connect.it.AvroWireDecoder;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each file format through the real worker: plain lines without a schema, and the same 20 users as CSV with a
 * header and as a JSON array, typed by {@code user.avsc}.
 */
class FileSourceFormatsIT extends ConnectStackITBase {

    @Test
    void linesWithoutSchemaArriveExactlyAndInOrder(@TempDir Path dir) {
        String topic = uniqueTopic("lines");
        // Blank and space-only lines are records too; non-ASCII text passes through unchanged.
        List<String> lines = List.of("first line", "", "  indented, with a comma", "Jonas-Müller 🙂", "{\"not\": parsed}",
                "last");
        TestResources.write(dir, "notes.txt", lines);
        Map<String, String> config = FileConnectorConfig.of(dir, topic, "lines")
                .with(ConverterConfigs.string())
                .toMap();

        connect.startConnector("lines", config);
        try {
            connect.consume(topic, lines.size());
            List<ConsumerRecord<byte[], byte[]>> all = connect.consumeAll(topic, false);
            assertThat(all.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                    .containsExactlyElementsOf(lines);
            assertThat(all).allSatisfy(r -> assertThat(r.key()).isNull());
        } finally {
            connect.deleteConnector("lines");
        }
    }

    @Test
    void csvWithHeaderIsTypedByTheAvroSchema(@TempDir Path dir) {
        assertUsersFrom(dir, "data/users.csv", "users.csv", "csv", "csv-users");
    }

    @Test
    void jsonArrayElementsAreRecords(@TempDir Path dir) {
        assertUsersFrom(dir, "data/users.json", "users.json", "json-array", "json-array-users");
    }

    private void assertUsersFrom(Path dir, String resource, String fileName, String format, String name) {
        String topic = uniqueTopic(name);
        TestResources.copy(resource, dir, fileName);
        Map<String, String> config = FileConnectorConfig.of(dir, topic, format)
                .schemaFile(TestResources.path("schemas/user.avsc"), "avro")
                .set("key.field", "name")
                .with(ConverterConfigs.apicurioAvro(registry))
                .set("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .toMap();

        connect.startConnector(name, config);
        try {
            connect.consume(topic, 20);
            List<ConsumerRecord<byte[], byte[]>> all = connect.consumeAll(topic, false);
            AvroWireDecoder decoder = avroDecoder();
            List<GenericRecord> values = all.stream().map(r -> decoder.decode(r.value()).record()).toList();
            assertThat(values).allSatisfy(v -> assertThat(v.get("favorite_number")).isInstanceOf(Long.class));
            assertThat(values.stream().map(v -> new User(v.get("name").toString(), (Long) v.get("favorite_number"),
                    v.get("favorite_color").toString()))).containsExactlyElementsOf(TestResources.users());
            assertThat(all.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)))
                    .as("key.field=name")
                    .containsExactlyElementsOf(TestResources.users().stream().map(User::name).toList());
        } finally {
            connect.deleteConnector(name);
        }
    }
}
