package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.AvroWireDecoder;
import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code invalid.record.policy} on the shared {@code users-with-errors.jsonl} against {@code user.avsc}: lines 1, 4
 * and 8 are valid for Avro (it has no minimum), lines 2, 3, 5, 6 and 7 are not.
 */
class FileSourceInvalidRecordsIT extends ConnectStackITBase {

    private static final String FILE = "users-with-errors.jsonl";
    private static final List<String> LINES = TestResources.lines("records/" + FILE);
    private static final List<String> VALID_NAMES = List.of("Gildong-Hong", "Jonas-Müller", "Lucía-García");

    @Test
    void failStopsTheTaskNamingPositionFieldAndReason(@TempDir Path dir) {
        String topic = uniqueTopic("invalid-fail");
        TestResources.copy("records/" + FILE, dir, FILE);
        connect.configureConnector("invalid-fail", config(dir, topic).set("invalid.record.policy", "fail").toMap());
        try {
            connect.awaitTasksFailed("invalid-fail", 1);
            assertThat(connect.taskTrace("invalid-fail", 0))
                    .contains("users-with-errors.jsonl:2 /favorite_number: expected long, got \"eighteen\"");
        } finally {
            connect.deleteConnector("invalid-fail");
        }
    }

    @Test
    void skipWritesExactlyTheValidRecords(@TempDir Path dir) {
        String topic = uniqueTopic("invalid-skip");
        TestResources.copy("records/" + FILE, dir, FILE);
        connect.startConnector("invalid-skip", config(dir, topic).set("invalid.record.policy", "skip").toMap());
        try {
            connect.consume(topic, 3);
            awaitCommittedThroughEndOf("invalid-skip", dir.resolve(FILE));
            assertThat(names(connect.consumeAll(topic, false))).containsExactlyElementsOf(VALID_NAMES);
            assertThat(connect.status("invalid-skip").tasks()).singleElement()
                    .satisfies(task -> assertThat(task.state()).isEqualTo("RUNNING"));
        } finally {
            connect.deleteConnector("invalid-skip");
        }
    }

    @Test
    void deadLetterWritesTheOriginalLinesWithTheirErrors(@TempDir Path dir) {
        String topic = uniqueTopic("invalid-dead-letter");
        String deadLetterTopic = topic + "-invalid";
        TestResources.copy("records/" + FILE, dir, FILE);
        connect.startConnector("invalid-dead-letter", config(dir, topic)
                .set("invalid.record.policy", "dead-letter")
                .set("invalid.record.topic", deadLetterTopic)
                .toMap());
        try {
            connect.consume(topic, 3);
            connect.consume(deadLetterTopic, 5);
            awaitCommittedThroughEndOf("invalid-dead-letter", dir.resolve(FILE));
            assertThat(names(connect.consumeAll(topic, false))).containsExactlyElementsOf(VALID_NAMES);

            List<ConsumerRecord<byte[], byte[]>> deadLetters = connect.consumeAll(deadLetterTopic, false);
            AvroWireDecoder decoder = avroDecoder();
            assertThat(deadLetters.stream().map(r -> decoder.decode(r.value()).datum().toString()))
                    .as("the original lines 2, 3, 5, 6, 7")
                    .containsExactly(LINES.get(1), LINES.get(2), LINES.get(4), LINES.get(5), LINES.get(6));
            assertThat(deadLetters.stream().map(r -> header(r, "schemafirst.source")))
                    .containsOnly(FILE);
            assertThat(deadLetters.stream().map(r -> header(r, "schemafirst.position"))).containsExactly(
                    FILE + ":2", FILE + ":3", FILE + ":5", FILE + ":6", FILE + ":7");
            List<String> errors = deadLetters.stream().map(r -> header(r, "schemafirst.error")).toList();
            assertThat(errors.get(0)).isEqualTo(FILE + ":2 /favorite_number: expected long, got \"eighteen\"");
            assertThat(errors.get(1)).isEqualTo(
                    FILE + ":3 /favorite_number: expected a value (field is required), got nothing");
            assertThat(errors.get(2)).isEqualTo(FILE + ":5 /favorite_color: expected string, got 7");
            assertThat(errors.get(3)).startsWith(FILE + ":6 /: invalid JSON");
            assertThat(errors.get(4)).isEqualTo(FILE + ":7 /name: expected string, got null");
        } finally {
            connect.deleteConnector("invalid-dead-letter");
        }
    }

    /**
     * A JSON array broken mid-way beside a good file: the records before the break and every record of the other
     * file arrive, the break is one dead letter naming file, position and error, the broken file goes to
     * file.error.dir, and the task stays RUNNING (it used to retry the file on every poll forever).
     */
    @Test
    void aBrokenFileIsOneDeadLetterAndMovesToTheErrorDirWhileTheOtherFilesGoOn(@TempDir Path dir) throws Exception {
        String topic = uniqueTopic("broken-file");
        String deadLetterTopic = topic + "-invalid";
        Path in = Files.createDirectory(dir.resolve("in"));
        Path errorDir = Files.createDirectory(dir.resolve("errors"));
        Files.writeString(in.resolve("broken.json"), "[" + LINES.get(0) + ",\n" + LINES.get(3)
                + ",\n{\"name\": \"cut\"");
        Files.writeString(in.resolve("good.json"), "[" + LINES.get(7) + "]");
        String name = "broken-file";
        connect.startConnector(name, FileConnectorConfig.of(in, topic, "json-array")
                .schemaFile(TestResources.path("schemas/user.avsc"), "avro")
                .with(ConverterConfigs.apicurioAvro(registry))
                .set("file.min.age.ms", "200")
                .set("invalid.record.policy", "dead-letter")
                .set("invalid.record.topic", deadLetterTopic)
                .set("file.error.dir", errorDir.toString())
                .set("headers.source.enabled", "true")
                .toMap());
        try {
            List<ConsumerRecord<byte[], byte[]>> deadLetters = connect.consume(deadLetterTopic, 1);
            assertThat(header(deadLetters.get(0), "schemafirst.position")).isEqualTo("broken.json:2");
            assertThat(header(deadLetters.get(0), "schemafirst.error")).isEqualTo("broken.json:2 /: the rest of "
                    + "the file cannot be read: broken.json:2 (byte 151) the file ends inside the JSON array");
            Path moved = errorDir.resolve("broken.json");
            TestUtils.waitForCondition(() -> Files.exists(moved), ConnectStack.DEFAULT_TIMEOUT.toMillis(),
                    () -> moved + " did not appear");
            assertThat(names(connect.consumeAll(topic, false))).containsExactlyInAnyOrder("Gildong-Hong",
                    "Jonas-Müller", "Lucía-García");
            assertThat(connect.consumeAll(deadLetterTopic, false)).hasSize(1);
            // lineage headers on every record: connector, file, line and the byte the record starts at
            ConsumerRecord<byte[], byte[]> fromGood = connect.consumeAll(topic, false).stream()
                    .filter(r -> header(r, "schemafirst.source").equals("good.json")).findFirst().orElseThrow();
            assertThat(header(fromGood, "schemafirst.connector")).isEqualTo(name);
            assertThat(header(fromGood, "schemafirst.position")).isEqualTo("good.json:1");
            assertThat(header(fromGood, "schemafirst.byte.offset")).isEqualTo("1");
            assertThat(connect.status(name).tasks()).singleElement()
                    .satisfies(task -> assertThat(task.state()).isEqualTo("RUNNING"));
        } finally {
            connect.deleteConnector(name);
        }
    }

    private FileConnectorConfig config(Path dir, String topic) {
        return FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/user.avsc"), "avro")
                .with(ConverterConfigs.apicurioAvro(registry));
    }

    /**
     * Waits until the committed offset of the file is its end: every line has been read and handled, so the
     * topics hold all they ever will.
     */
    private void awaitCommittedThroughEndOf(String connector, Path file) {
        long size = file.toFile().length();
        CommittedOffsets.await(connect, connector, offsets -> offsets.values().stream()
                .anyMatch(offset -> offset.get("position") instanceof Number position
                        && position.longValue() == size), "the offset of the end of " + file + " (" + size + ")");
    }

    private List<String> names(List<ConsumerRecord<byte[], byte[]>> records) {
        AvroWireDecoder decoder = avroDecoder();
        return records.stream().map(r -> decoder.decode(r.value()).record().get("name").toString()).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertThat(header).as("header %s", key).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
