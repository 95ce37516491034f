package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs file source tasks the way the worker does, from the test thread: an in-memory offset store, a directory to
 * read ({@link #dir}) and one to move files to ({@link #done}), and helpers that poll, acknowledge and commit.
 */
abstract class FileSourceTaskTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path temp;
    Path dir;
    Path done;
    final FakeOffsetStore store = new FakeOffsetStore();
    private final List<FileSourceTask> started = new ArrayList<>();

    @BeforeEach
    void directories() throws IOException {
        dir = Files.createDirectory(temp.resolve("in"));
        done = Files.createDirectory(temp.resolve("done"));
    }

    @AfterEach
    void stopTasks() {
        started.forEach(FileSourceTask::stop);
    }

    Map<String, String> config(String... extra) {
        Map<String, String> config = new HashMap<>();
        config.put("topic", "users");
        config.put(FileSourceConfig.PATH_CONFIG, dir.toString());
        config.put(FileSourceConfig.FORMAT_CONFIG, "lines");
        config.put(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "20");
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return config;
    }

    FileSourceTask start(Map<String, String> config) {
        FileSourceTask task = new FileSourceTask();
        task.initialize(store.context(config));
        task.start(config);
        started.add(task);
        return task;
    }

    Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    void append(String name, String content) throws IOException {
        Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }

    /** What the worker does once records are written: acknowledge each, store their offsets, then commit. */
    void acknowledgeAndStore(FileSourceTask task, List<SourceRecord> records) {
        for (SourceRecord record : records) {
            task.commitRecord(record, null);
            store.put(record);
        }
        task.commit();
    }

    static List<SourceRecord> pollOnce(FileSourceTask task) {
        try {
            List<SourceRecord> records = task.poll();
            return records == null ? List.of() : records;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static List<SourceRecord> firstBatch(FileSourceTask task) {
        AtomicReference<List<SourceRecord>> batch = new AtomicReference<>();
        awaitTrue(() -> {
            List<SourceRecord> records = pollOnce(task);
            batch.set(records);
            return !records.isEmpty();
        });
        return batch.get();
    }

    static List<SourceRecord> pollUntil(FileSourceTask task, int count) {
        List<SourceRecord> records = new ArrayList<>();
        awaitTrue(() -> {
            records.addAll(pollOnce(task));
            return records.size() >= count;
        });
        assertThat(records).hasSize(count);
        return records;
    }

    /** Several polls, each at most one poll interval: long enough for two listings of the directory. */
    static List<SourceRecord> pollRounds(FileSourceTask task, int rounds) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            records.addAll(pollOnce(task));
        }
        return records;
    }

    static void awaitTrue(BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("condition not met within " + DEADLINE);
            }
            Thread.onSpinWait();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> offset(SourceRecord record) {
        return (Map<String, Object>) record.sourceOffset();
    }

    static List<String> values(List<SourceRecord> records) {
        return records.stream().map(r -> (String) r.value()).collect(Collectors.toList());
    }
}
