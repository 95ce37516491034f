package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.schemafirst.connect.core.InvalidRecordFailure;
import io.github.schemafirst.connect.core.TaskMetrics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** What reading the next batch while the worker sends the current one must not change. */
class FileSourceTaskReadAheadTest extends FileSourceTaskTestBase {

    private Map<String, String> readAheadConfig(String name, boolean readAhead, String... extra) {
        Map<String, String> config = config(extra);
        config.put("name", name);
        config.put(TaskSlot.INDEX_CONFIG, "0");
        config.put(TaskSlot.COUNT_CONFIG, "1");
        config.put("batch.max.records", "2");
        config.put(FileSourceConfig.READ_AHEAD_ENABLED_CONFIG, Boolean.toString(readAhead));
        return config;
    }

    /** Records read (and mapped) by the task, handed over or not. */
    private static long recordsRead(String connector) {
        try {
            return (Long) ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(TaskMetrics.objectName(connector, "0"), "records-read");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> describe(List<SourceRecord> records) {
        return records.stream().map(r -> r.value() + "@" + r.sourcePartition() + offset(r))
                .collect(Collectors.toList());
    }

    @Test
    void handsOverTheSameRecordsBatchesAndOffsetsAsReadingOnDemand() throws Exception {
        write("a.txt", "a1\na2\na3\na4\na5\n");
        write("b.txt", "b1\nb2\nb3\n");
        List<List<String>> batches = new ArrayList<>();
        for (boolean readAhead : new boolean[] {true, false}) {
            FileSourceTask task = start(readAheadConfig("read-ahead-" + readAhead, readAhead));
            List<SourceRecord> all = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            awaitTrue(() -> {
                List<SourceRecord> batch = pollOnce(task);
                if (!batch.isEmpty()) {
                    sizes.add(batch.size());
                }
                all.addAll(batch);
                return all.size() >= 8;
            });
            assertThat(sizes).allMatch(size -> size <= 2);
            batches.add(describe(all));
            task.stop();
        }
        assertThat(batches.get(0)).hasSize(8).isEqualTo(batches.get(1));
    }

    @Test
    void pollReturnsWhileAReadIsStuckAndHandsItsBatchOverOnceItEnds() throws Exception {
        write("a.txt", "a1\na2\n");
        CountDownLatch release = new CountDownLatch(1);
        store.holdLookupsUntil(release); // the first listing's stored-offset lookup hangs
        FileSourceTask task = start(readAheadConfig("read-ahead-stuck", true));

        try {
            // generous bound: the point is that poll() does not wait for the stuck read
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(task.poll()).isNull());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(task.poll()).isNull());
        } finally {
            release.countDown(); // stop() waits for the read in progress
        }
        assertThat(values(pollUntil(task, 2))).containsExactly("a1", "a2");
    }

    @Test
    void aStoppedTaskDropsItsReadAheadBatchAndTheNextTaskReadsItAgain() throws Exception {
        write("a.txt", "a1\na2\na3\na4\na5\na6\n");
        FileSourceTask task = start(readAheadConfig("read-ahead-stop", true));
        List<SourceRecord> first = firstBatch(task);
        assertThat(values(first)).containsExactly("a1", "a2");
        awaitTrue(() -> recordsRead("read-ahead-stop") >= 4); // a3 and a4 are read ahead, not handed over
        acknowledgeAndStore(task, first);
        task.stop();

        FileSourceTask restarted = start(readAheadConfig("read-ahead-stop", true));
        assertThat(values(pollUntil(restarted, 4))).containsExactly("a3", "a4", "a5", "a6");
    }

    @Test
    void aFailureWhileReadingAheadIsThrownByThePollThatWouldHaveReadIt() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.write(file, "a1\na2\na3\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, new byte[] {(byte) 0xff, '\n'}, StandardOpenOption.APPEND);
        FileSourceTask task = start(readAheadConfig("read-ahead-fail", true, "invalid.record.policy", "fail"));

        assertThat(values(firstBatch(task))).containsExactly("a1", "a2");
        assertThatThrownBy(() -> pollRounds(task, 20))
                .isInstanceOf(InvalidRecordFailure.class)
                .hasMessageContaining("a.txt:4");
    }

    @Test
    void aFileIsNotMovedBeforeTheRecordsReadAheadFromItAreCommitted() throws Exception {
        Path file = write("a.txt", "a1\na2\na3\na4\n");
        FileSourceTask task = start(readAheadConfig("read-ahead-move", true,
                FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.COMPLETED_DIR_CONFIG,
                done.toString()));
        List<SourceRecord> first = firstBatch(task);
        awaitTrue(() -> recordsRead("read-ahead-move") >= 4); // the whole file is read, half of it handed over
        acknowledgeAndStore(task, first);
        List<SourceRecord> second = pollUntil(task, 2);
        assertThat(values(second)).containsExactly("a3", "a4");
        assertThat(pollRounds(task, 5)).isEmpty();
        assertThat(file).exists(); // read to its end, but a3 and a4 are not acknowledged yet

        acknowledgeAndStore(task, second);
        awaitTrue(() -> {
            pollOnce(task);
            return !Files.exists(file);
        });
        assertThat(done.resolve("a.txt")).hasContent("a1\na2\na3\na4\n");
    }
}
