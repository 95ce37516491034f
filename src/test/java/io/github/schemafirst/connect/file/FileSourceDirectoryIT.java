package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory side of the file source: files shared between tasks, files dropped while running, and completed
 * files moved or deleted only once their records are in Kafka.
 */
class FileSourceDirectoryIT extends ConnectStackITBase {

    @Test
    void twoTasksReadTenFilesWithEachRecordOnce(@TempDir Path dir) {
        String name = "two-tasks";
        String topic = uniqueTopic(name);
        List<String> expected = new ArrayList<>();
        for (int file = 0; file < 10; file++) {
            expected.addAll(writeUsers(dir, "users-" + file + ".jsonl", "f" + file, 100));
        }
        connect.configureConnector(name, config(dir, topic).set("tasks.max", "2").toMap());
        try {
            connect.awaitRunning(name, 2);
            ConnectorStateInfo status = connect.status(name);
            assertThat(status.tasks()).extracting(ConnectorStateInfo.TaskState::id).containsExactlyInAnyOrder(0, 1);
            assertThat(status.tasks()).allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));

            connect.consume(topic, expected.size());
            awaitCommittedFiles(name, 10, 100);
            assertThat(keys(connect.consumeAll(topic, false))).as("every record of every file exactly once")
                    .containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            connect.deleteConnector(name);
        }
    }

    @Test
    void fileDroppedWhileRunningIsPickedUp(@TempDir Path dir) {
        String name = "dropped-file";
        String topic = uniqueTopic(name);
        List<String> first = writeUsers(dir, "first.jsonl", "first", 5);
        connect.startConnector(name, config(dir, topic).toMap());
        try {
            connect.consume(topic, 5);
            List<String> later = writeUsers(dir, "later.jsonl", "later", 7);
            connect.consume(topic, 12);
            awaitCommittedFiles(name, 2, -1);
            List<String> expected = new ArrayList<>(first);
            expected.addAll(later);
            assertThat(keys(connect.consumeAll(topic, false))).containsExactlyElementsOf(expected);
        } finally {
            connect.deleteConnector(name);
        }
    }

    @Test
    void completedFileIsMovedOnlyOnceAllItsRecordsAreInKafka(@TempDir Path dir) throws Exception {
        String name = "move-completed";
        String topic = uniqueTopic(name);
        Path done = Files.createDirectory(dir.resolve("done"));
        connect.startConnector(name, config(dir, topic)
                .set("file.completed.action", "move")
                .set("file.min.age.ms", "1")
                .set("file.completed.dir", done.toString())
                .toMap());
        try {
            List<String> expected = writeUsers(dir, "batch.jsonl", "moved", 500);
            Path moved = done.resolve("batch.jsonl");
            await(() -> Files.exists(moved), moved + " to appear");
            // Read the topic right after the move: everything must already be there.
            assertThat(keys(connect.consumeAll(topic, false))).containsExactlyElementsOf(expected);
            assertThat(dir.resolve("batch.jsonl")).doesNotExist();
            assertThat(Files.readAllLines(moved)).hasSize(500);
        } finally {
            connect.deleteConnector(name);
        }
    }

    /** Files of the same name in two subdirectories both survive the move, each under its own subdirectory. */
    @Test
    void movedFilesKeepTheirSubdirectories(@TempDir Path dir) throws Exception {
        String name = "move-subdirectories";
        String topic = uniqueTopic(name);
        Path in = Files.createDirectory(dir.resolve("in"));
        Path done = Files.createDirectory(dir.resolve("done"));
        List<String> expected = new ArrayList<>(writeUsers(Files.createDirectory(in.resolve("east")), "day.jsonl",
                "east", 50));
        expected.addAll(writeUsers(Files.createDirectory(in.resolve("west")), "day.jsonl", "west", 50));
        connect.startConnector(name, config(in, topic)
                .set("file.recursive", "true")
                .set("file.completed.action", "move")
                .set("file.min.age.ms", "1")
                .set("file.completed.dir", done.toString())
                .toMap());
        try {
            await(() -> Files.exists(done.resolve("east/day.jsonl")) && Files.exists(done.resolve("west/day.jsonl")),
                    "both files to be moved");
            assertThat(keys(connect.consumeAll(topic, false))).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(Files.readAllLines(done.resolve("east/day.jsonl"))).hasSize(50).allMatch(l -> l.contains("east"));
            assertThat(Files.readAllLines(done.resolve("west/day.jsonl"))).hasSize(50).allMatch(l -> l.contains("west"));
        } finally {
            connect.deleteConnector(name);
        }
    }

    @Test
    void completedFileIsDeletedOnlyOnceAllItsRecordsAreInKafka(@TempDir Path dir) {
        String name = "delete-completed";
        String topic = uniqueTopic(name);
        connect.startConnector(name, config(dir, topic).set("file.completed.action", "delete")
                .set("file.min.age.ms", "1").toMap());
        try {
            List<String> expected = writeUsers(dir, "batch.jsonl", "deleted", 500);
            Path file = dir.resolve("batch.jsonl");
            await(() -> !Files.exists(file), file + " to be deleted");
            assertThat(keys(connect.consumeAll(topic, false))).containsExactlyElementsOf(expected);
            try (var left = Files.list(dir)) {
                assertThat(left).as("nothing left in the directory").isEmpty();
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            connect.deleteConnector(name);
        }
    }

    private FileConnectorConfig config(Path dir, String topic) {
        return FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/user.avsc"), "avro")
                .set("file.pattern", "*.jsonl")
                .set("key.field", "name")
                .set("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .with(ConverterConfigs.schemalessJson());
    }

    /** Writes {@code count} users named {@code <prefix>-<i>} and returns their names (the record keys). */
    private static List<String> writeUsers(Path dir, String fileName, String prefix, int count) {
        List<String> names = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "-" + i);
            lines.add("{\"name\":\"" + prefix + "-" + i + "\",\"favorite_number\":" + i + ",\"favorite_color\":\"red\"}");
        }
        TestResources.write(dir, fileName, lines);
        return names;
    }

    /**
     * Waits until {@code files} files have committed offsets, each (when {@code records} is not negative) after
     * {@code records} records: all has been read and nothing more can come.
     */
    private void awaitCommittedFiles(String name, int files, int records) {
        CommittedOffsets.await(connect, name, offsets -> offsets.size() == files && (records < 0
                || offsets.values().stream().allMatch(o -> o.get("index") instanceof Number index
                        && index.intValue() == records)), files + " files read to their end");
    }

    private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        try {
            TestUtils.waitForCondition(condition::getAsBoolean, ConnectStack.DEFAULT_TIMEOUT.toMillis(), 20,
                    () -> "timed out waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
