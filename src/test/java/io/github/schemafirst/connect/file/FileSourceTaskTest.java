package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class FileSourceTaskTest extends FileSourceTaskTestBase {

    @Test
    void aDirectoryOfMoreFilesThanOnePollTracksIsReadWholeFromOneListing() throws Exception {
        int count = FileDiscovery.TRACK_PER_POLL + 3;
        for (int i = 0; i < count; i++) {
            write(String.format("f-%05d.txt", i), "line-" + i + "\n");
        }
        // one listing only: the files beyond the first TRACK_PER_POLL must come from the following polls
        FileSourceTask task = start(config(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "3600000"));

        List<SourceRecord> records = pollUntil(task, count);

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < count; i++) {
            expected.add("line-" + i);
        }
        assertThat(new HashSet<>(values(records))).isEqualTo(expected);
    }

    @Test
    void readsEveryRecordOfEveryFileWithItsOwnPartitionAndOffset() throws Exception {
        write("a.txt", "a1\na2\n");
        write("b.txt", "b1\nb2\n");
        write("sub/c.txt", "c1\n"); // not recursive: never read
        FileSourceTask task = start(config());

        List<SourceRecord> batch = firstBatch(task);

        assertThat(values(batch)).containsExactlyInAnyOrder("a1", "a2", "b1", "b2");
        assertThat(batch.stream().map(SourceRecord::sourcePartition).distinct()).hasSize(2);
        SourceRecord a2 = batch.stream().filter(r -> "a2".equals(r.value())).findFirst().orElseThrow();
        assertThat(a2.topic()).isEqualTo("users");
        assertThat(offset(a2)).containsEntry(FileOffset.POSITION, 6L).containsEntry(FileOffset.LINE, 3L)
                .containsEntry(FileOffset.INDEX, 2L).containsEntry(FileOffset.PATH, "a.txt")
                .containsEntry(FileOffset.HEAD_LENGTH, 6L).containsKey(FileOffset.HEAD_HASH);
        assertThat(pollRounds(task, 3)).isEmpty();
    }

    @Test
    void readsSubdirectoriesWhenRecursiveButNeverHiddenOrUnmatchedFiles() throws Exception {
        write("a.txt", "a1\n");
        write("sub/c.txt", "c1\n");
        write(".partial.txt", "hidden\n");
        write("notes.md", "unmatched\n");
        write(".hidden/d.txt", "in hidden dir\n");
        FileSourceTask task = start(config(FileSourceConfig.RECURSIVE_CONFIG, "true",
                FileSourceConfig.PATTERN_CONFIG, "*.txt"));

        List<SourceRecord> records = pollUntil(task, 2);

        assertThat(values(records)).containsExactlyInAnyOrder("a1", "c1");
        assertThat(pollRounds(task, 3)).isEmpty();
    }

    @Test
    void resumesAfterTheLastCommittedRecord() throws Exception {
        write("a.txt", "l1\nl2\nl3\nl4\nl5\n");
        FileSourceTask first = start(config());
        List<SourceRecord> records = pollUntil(first, 5);
        acknowledgeAndStore(first, records.subList(0, 2));
        first.stop();

        FileSourceTask second = start(config());
        List<SourceRecord> resumed = pollUntil(second, 3);

        assertThat(values(resumed)).containsExactly("l3", "l4", "l5");
        assertThat(offset(resumed.get(0))).containsEntry(FileOffset.LINE, 4L).containsEntry(FileOffset.INDEX, 3L);
        assertThat(resumed.get(0).sourcePartition()).isEqualTo(records.get(0).sourcePartition());
    }

    @Test
    void aFileKeepsItsOffsetWhenRenamedWhileStopped() throws Exception {
        Path original = write("a.txt", "a1\na2\n");
        FileSourceTask first = start(config());
        List<SourceRecord> records = pollUntil(first, 2);
        acknowledgeAndStore(first, records);
        first.stop();
        Files.move(original, dir.resolve("renamed.txt"));
        append("renamed.txt", "a3\n");

        FileSourceTask second = start(config());
        List<SourceRecord> resumed = pollUntil(second, 1);

        assertThat(values(resumed)).containsExactly("a3");
        assertThat(resumed.get(0).sourcePartition()).isEqualTo(records.get(0).sourcePartition());
        assertThat(offset(resumed.get(0))).containsEntry(FileOffset.PATH, "renamed.txt");
        assertThat(pollRounds(second, 3)).isEmpty();
    }

    @Test
    void aFileRenamedWhileBeingReadIsReadOnUnderItsNewName() throws Exception {
        Path original = write("a.txt", "a1\n");
        FileSourceTask task = start(config());
        List<SourceRecord> first = pollUntil(task, 1);
        Files.move(original, dir.resolve("b.txt"));
        append("b.txt", "a2\n");

        List<SourceRecord> next = pollUntil(task, 1);

        assertThat(values(next)).containsExactly("a2");
        assertThat(next.get(0).sourcePartition()).isEqualTo(first.get(0).sourcePartition());
        assertThat(offset(next.get(0))).containsEntry(FileOffset.PATH, "b.txt");
    }

    @Test
    void anOffsetWhoseHeadNoLongerMatchesIsAnotherFileReadFromItsStart() throws Exception {
        Path file = write("a.txt", "old1\nold2\n");
        Object inode = Files.getAttribute(file, "unix:ino");
        FileSourceTask first = start(config());
        acknowledgeAndStore(first, pollUntil(first, 2));
        first.stop();
        // same inode, other content, longer than the stored position: only the head fingerprint can tell
        Files.write(file, "new1\nnew2\nnew3\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);

        FileSourceTask second = start(config());

        assertThat(values(pollUntil(second, 3))).containsExactly("new1", "new2", "new3");
    }

    @Test
    void aFileTruncatedWhileBeingReadIsReadAgainFromItsStart() throws Exception {
        Path file = write("a.txt", "a1\na2\na3\n");
        FileSourceTask task = start(config());
        pollUntil(task, 3);
        Files.write(file, "z\n".getBytes(StandardCharsets.UTF_8));

        List<SourceRecord> again = pollUntil(task, 1);

        assertThat(values(again)).containsExactly("z");
        assertThat(offset(again.get(0))).containsEntry(FileOffset.POSITION, 2L);
    }

    @Test
    void appendedRecordsAreReadAsTheyComeAndAnUnterminatedLineWaits() throws Exception {
        write("a.txt", "a1\na2\n");
        FileSourceTask task = start(config());
        assertThat(values(pollUntil(task, 2))).containsExactly("a1", "a2");

        append("a.txt", "a3\na4\na5-partial");
        List<SourceRecord> appended = pollUntil(task, 2);
        assertThat(values(appended)).containsExactly("a3", "a4");
        assertThat(offset(appended.get(1))).containsEntry(FileOffset.LINE, 5L);
        assertThat(pollRounds(task, 3)).isEmpty();

        append("a.txt", "\n");
        assertThat(values(pollUntil(task, 1))).containsExactly("a5-partial");
    }

    @Test
    void aFileReadBeforeIsNotReadAgainAfterARestart() throws Exception {
        write("a.txt", "a1\na2\n");
        FileSourceTask first = start(config());
        acknowledgeAndStore(first, pollUntil(first, 2));
        first.stop();

        FileSourceTask second = start(config());

        assertThat(pollRounds(second, 5)).isEmpty();
    }

    @Test
    void tenFilesOverTwoTasksAreEachReadByExactlyOneTask() throws Exception {
        for (int i = 0; i < 10; i++) {
            write("f" + i + ".txt", "record-" + i + "\n");
        }
        FileSourceTask task0 = start(config(TaskSlot.INDEX_CONFIG, "0", TaskSlot.COUNT_CONFIG, "2"));
        FileSourceTask task1 = start(config(TaskSlot.INDEX_CONFIG, "1", TaskSlot.COUNT_CONFIG, "2"));

        List<SourceRecord> read0 = new ArrayList<>();
        List<SourceRecord> read1 = new ArrayList<>();
        awaitTrue(() -> {
            read0.addAll(pollOnce(task0));
            read1.addAll(pollOnce(task1));
            return read0.size() + read1.size() >= 10;
        });
        read0.addAll(pollRounds(task0, 3));
        read1.addAll(pollRounds(task1, 3));

        Set<String> all = new HashSet<>(values(read0));
        all.addAll(values(read1));
        assertThat(read0.size() + read1.size()).isEqualTo(10);
        assertThat(all).hasSize(10);
        Set<Object> partitions0 = read0.stream().map(SourceRecord::sourcePartition).collect(Collectors.toSet());
        assertThat(read1).noneMatch(r -> partitions0.contains(r.sourcePartition()));
    }

    @Test
    void aFileIsMovedOnlyOnceItsLastRecordIsCommitted() throws Exception {
        Path file = write("a.txt", "a1\na2\na3");
        FileSourceTask task = start(config(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move",
                FileSourceConfig.COMPLETED_DIR_CONFIG, done.toString()));

        List<SourceRecord> records = pollUntil(task, 3);
        assertThat(values(records)).containsExactly("a1", "a2", "a3"); // the unterminated last line too
        assertThat(pollRounds(task, 3)).isEmpty();
        assertThat(file).exists();

        records.forEach(r -> task.commitRecord(r, null)); // acknowledged, but the offset is not stored yet
        task.commit();
        assertThat(pollRounds(task, 3)).isEmpty();
        assertThat(file).exists();

        acknowledgeAndStore(task, records.subList(0, 2));
        assertThat(pollRounds(task, 3)).isEmpty();
        assertThat(file).exists();

        store.put(records.get(2));
        task.commit();
        awaitTrue(() -> {
            pollOnce(task);
            return !Files.exists(file);
        });
        assertThat(done.resolve("a.txt")).hasContent("a1\na2\na3");
    }

    @Test
    void aFileThatGrowsWhileWaitingForItsCommitIsReadOnBeforeItIsMoved() throws Exception {
        Path file = write("a.txt", "a1\n");
        FileSourceTask task = start(config(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move",
                FileSourceConfig.COMPLETED_DIR_CONFIG, done.toString()));
        List<SourceRecord> first = pollUntil(task, 1);
        assertThat(pollRounds(task, 3)).isEmpty(); // read to its end, waiting for the commit

        append("a.txt", "a2\n");
        List<SourceRecord> second = pollUntil(task, 1);
        acknowledgeAndStore(task, first);
        assertThat(pollRounds(task, 3)).isEmpty();
        assertThat(file).exists();

        acknowledgeAndStore(task, second);
        awaitTrue(() -> {
            pollOnce(task);
            return !Files.exists(file);
        });
        assertThat(values(second)).containsExactly("a2");
        assertThat(done.resolve("a.txt")).hasContent("a1\na2");
    }

    @Test
    void aMovedFileKeepsAnExistingCompletedFileOfTheSameName() throws Exception {
        Files.writeString(done.resolve("a.txt"), "earlier");
        Path file = write("a.txt", "a1\n");
        FileSourceTask task = start(config(FileSourceConfig.COMPLETED_ACTION_CONFIG, "move",
                FileSourceConfig.COMPLETED_DIR_CONFIG, done.toString()));
        acknowledgeAndStore(task, pollUntil(task, 1));

        awaitTrue(() -> {
            pollOnce(task);
            return !Files.exists(file);
        });

        assertThat(done.resolve("a.txt")).hasContent("earlier");
        assertThat(done.resolve("a-1.txt")).hasContent("a1");
    }

    @Test
    void aFileWhoseRecordsWereAllSkippedIsDeletedWithoutWaitingForACommit() throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        FileSourceTask task = start(config(FileSourceConfig.COMPLETED_ACTION_CONFIG, "delete",
                "invalid.record.policy", "skip"));

        List<SourceRecord> emitted = new ArrayList<>();
        awaitTrue(() -> {
            emitted.addAll(pollOnce(task));
            return !Files.exists(file);
        });

        assertThat(emitted).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void aFileIsReadOnlyOnceOlderThanTheMinimumAge() throws Exception {
        Path file = write("a.txt", "a1\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        FileSourceTask task = start(config(FileSourceConfig.MIN_AGE_MS_CONFIG, "60000"));
        assertThat(pollRounds(task, 3)).isEmpty();

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));

        assertThat(values(pollUntil(task, 1))).containsExactly("a1");
    }

    @Test
    void pollWaitsForTheNextListingInsteadOfSpinning() throws Exception {
        FileSourceTask task = start(config(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "300"));
        pollOnce(task); // the first listing

        long begin = System.nanoTime();
        List<SourceRecord> none = task.poll();

        assertThat(none).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void stopWakesAWaitingPoll() throws Exception {
        FileSourceTask task = start(config(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "600000"));
        AtomicReference<Object> result = new AtomicReference<>("not returned");
        Thread poller = new Thread(() -> {
            try {
                result.set(task.poll());
            } catch (InterruptedException e) {
                result.set(e);
            }
        });
        poller.start();
        awaitTrue(() -> poller.getState() == Thread.State.TIMED_WAITING);

        task.stop();
        poller.join(5_000);

        assertThat(poller.isAlive()).isFalse();
        assertThat(result.get()).isNull();
    }
}
