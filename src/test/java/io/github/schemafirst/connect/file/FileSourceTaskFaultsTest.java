package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.schemafirst.connect.core.InvalidRecordFailure;
import io.github.schemafirst.connect.core.RecordPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the file task does when files break, vanish, move under it or come in thousands: broken files through the
 * invalid-record policy, identities that hold on shared storage, bounded descriptors, safe completion.
 */
class FileSourceTaskFaultsTest extends FileSourceTaskTestBase {
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\","
            + "\"type\":\"int\"}]}";

    private Path errors;

    @BeforeEach
    void errorDirectory() throws IOException {
        errors = Files.createDirectory(temp.resolve("errors"));
    }

    // ---- broken files ----------------------------------------------------------------------------------------

    @Test
    void aJsonArrayBrokenMidWayUnderSkipKeepsTheRecordsBeforeAndMovesTheFileToTheErrorDir() throws Exception {
        Path file = write("users.json", "[{\"a\":1},\n{\"a\":2},\n}{]");
        FileSourceTask task = start(jsonArray("invalid.record.policy", "skip",
                FileSourceConfig.ERROR_DIR_CONFIG, errors.toString()));

        List<SourceRecord> records = pollUntil(task, 2);
        assertThat(records).extracting(r -> ((Struct) r.value()).getInt32("a")).containsExactly(1, 2);
        assertThat(pollRounds(task, 3)).isEmpty();
        assertThat(file).exists(); // not before the records read from it are committed

        acknowledgeAndStore(task, records);
        awaitTrue(() -> pollOnce(task).isEmpty() && !Files.exists(file));
        assertThat(errors.resolve("users.json")).exists();
    }

    @Test
    void aBrokenFileUnderDeadLetterSendsItsPositionAndErrorAndIsNotReadAgainAfterARestart() throws Exception {
        Path file = write("users.json", "[{\"a\":1},\n{\"a\":2},\n}{]");
        Map<String, String> config = jsonArray("invalid.record.policy", "dead-letter",
                "invalid.record.topic", "users-dlq");
        FileSourceTask task = start(config);

        List<SourceRecord> records = pollUntil(task, 3);
        SourceRecord deadLetter = records.get(2);
        assertThat(deadLetter.topic()).isEqualTo("users-dlq");
        assertThat(header(deadLetter, RecordPipeline.HEADER_SOURCE)).isEqualTo("users.json");
        assertThat(header(deadLetter, RecordPipeline.HEADER_POSITION)).isEqualTo("users.json:2");
        assertThat(header(deadLetter, RecordPipeline.HEADER_ERROR))
                .startsWith("users.json:2 /: the rest of the file cannot be read: users.json:3 (byte 19) malformed "
                        + "JSON");
        assertThat(offset(deadLetter)).containsKey(FileOffset.BROKEN)
                .containsEntry(FileOffset.POSITION, offset(records.get(1)).get(FileOffset.POSITION));
        assertThat(pollRounds(task, 3)).isEmpty();
        acknowledgeAndStore(task, records);
        task.stop();

        FileSourceTask restarted = start(config);
        assertThat(pollRounds(restarted, 5)).isEmpty();
        assertThat(file).exists(); // no file.error.dir: a broken file stays, never deleted
    }

    @Test
    void aBrokenFileUnderFailStopsTheTaskNamingFilePositionAndReason() throws Exception {
        write("users.json", "[{\"a\":1},\n}{]");
        FileSourceTask task = start(jsonArray());

        assertThatThrownBy(() -> pollRounds(task, 20))
                .isInstanceOf(InvalidRecordFailure.class)
                .hasMessageContaining("users.json:1 /: the rest of the file cannot be read: users.json:2 (byte 10) "
                        + "malformed JSON");
    }

    @Test
    void aTruncatedGzipFileIsBrokenNotRetriedForever() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(zipped)) {
            for (int i = 0; i < 2000; i++) {
                out.write(("line-" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = zipped.toByteArray();
        Path file = dir.resolve("cut.txt.gz");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        FileSourceTask task = start(config("invalid.record.policy", "dead-letter", "invalid.record.topic", "dlq",
                FileSourceConfig.ERROR_DIR_CONFIG, errors.toString()));

        List<SourceRecord> emitted = new ArrayList<>();
        awaitTrue(() -> {
            emitted.addAll(pollOnce(task));
            return emitted.stream().anyMatch(r -> "dlq".equals(r.topic()));
        });
        SourceRecord deadLetter = emitted.get(emitted.size() - 1);
        assertThat(header(deadLetter, RecordPipeline.HEADER_ERROR)).contains("compressed data is truncated or corrupt");
        List<String> lines = values(emitted.subList(0, emitted.size() - 1));
        assertThat(lines).isNotEmpty().allMatch(v -> v.startsWith("line-"));
        assertThat(lines).containsExactlyElementsOf(
                IntStream.range(0, lines.size()).mapToObj(i -> "line-" + i).collect(Collectors.toList()));

        acknowledgeAndStore(task, emitted);
        awaitTrue(() -> pollOnce(task).isEmpty() && !Files.exists(file));
        assertThat(errors.resolve("cut.txt.gz")).exists();
    }

    @Test
    void aLineOverTheSizeLimitIsOneInvalidRecordAndReadingGoesOn() throws Exception {
        write("big.txt", "before\n" + "x".repeat(5000) + "\nafter\n");
        FileSourceTask task = start(config(FileSourceConfig.RECORD_MAX_BYTES_CONFIG, "1024",
                "invalid.record.policy", "dead-letter", "invalid.record.topic", "dlq"));

        List<SourceRecord> records = pollUntil(task, 3);

        assertThat(records.get(0).value()).isEqualTo("before");
        assertThat(records.get(1).topic()).isEqualTo("dlq");
        assertThat((String) records.get(1).value()).isEqualTo("x".repeat(1024));
        assertThat(header(records.get(1), RecordPipeline.HEADER_ERROR)).isEqualTo("big.txt:2 /: the record is 5000 "
                + "bytes, longer than the limit of 1024 bytes (file.record.max.bytes); only its first 1024 bytes are "
                + "kept");
        assertThat(records.get(2).value()).isEqualTo("after");
        assertThat(offset(records.get(2))).containsEntry(FileOffset.LINE, 4L);
    }

    // ---- identity --------------------------------------------------------------------------------------------

    @Test
    void theDefaultIdentityIsTheInodeAloneAndContinuesAnOffsetStoredUnderDeviceAndInode() throws Exception {
        Path file = write("a.txt", "a1\na2\na3\n");
        Object dev = Files.getAttribute(file, "unix:dev");
        Object ino = Files.getAttribute(file, "unix:ino");
        // what version 0.1 stored after "a2": position 6, line 3
        Map<String, Object> legacy = new HashMap<>(Map.of(FileOffset.POSITION, 6L, FileOffset.LINE, 3L,
                FileOffset.INDEX, 2L));
        store.put(FileOffset.partition(dev + ":" + ino), legacy);

        FileSourceTask task = start(config());
        List<SourceRecord> records = pollUntil(task, 1);

        assertThat(values(records)).containsExactly("a3");
        assertThat(records.get(0).sourcePartition()).isEqualTo(Map.of(FileOffset.FILE_KEY, "ino:" + ino));
    }

    @Test
    void pathIdentityNamesTheFileByItsRelativePath() throws Exception {
        write("sub/a.txt", "a1\n");
        FileSourceTask task = start(config(FileSourceConfig.IDENTITY_CONFIG, "path",
                FileSourceConfig.RECURSIVE_CONFIG, "true"));

        assertThat(pollUntil(task, 1).get(0).sourcePartition())
                .isEqualTo(Map.of(FileOffset.FILE_KEY, "path:sub/a.txt"));
    }

    @Test
    void aFileRewrittenInPlaceWithTheSameFirstKibibyteIsReadFromItsStart() throws Exception {
        String header = "h".repeat(1500) + "\n"; // longer than the head fingerprint
        Path file = write("a.txt", header + "old-1\nold-2\n");
        FileSourceTask task = start(config());
        acknowledgeAndStore(task, pollUntil(task, 3));
        task.stop();

        // same inode, same first KiB, same length: what a reused inode with a shared CSV header looks like
        Files.write(file, (header + "new-1\nnew-2\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.TRUNCATE_EXISTING);
        FileSourceTask restarted = start(config());

        assertThat(values(pollUntil(restarted, 3))).containsExactly(header.trim(), "new-1", "new-2");
    }

    // ---- bounded resources, vanished files, completion ---------------------------------------------------

    @Test
    void atMostMaxOpenFilesAreOpenAtOnceAndEveryRecordIsReadOnce() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                text.append("f").append(f).append('-').append(i).append('\n');
                expected.add("f" + f + "-" + i);
            }
            write("f" + f + ".txt", text.toString());
        }
        // Descriptors are counted between polls from this thread, which must not race a read in progress (a count
        // taken while one file closes and the next opens sees both); the bound is the same on either thread.
        FileSourceTask task = start(config(FileSourceConfig.MAX_OPEN_FILES_CONFIG, "2", "batch.max.records", "25",
                FileSourceConfig.READ_AHEAD_ENABLED_CONFIG, "false"));

        List<SourceRecord> records = new ArrayList<>();
        int mostOpen = 0;
        while (records.size() < expected.size()) {
            records.addAll(pollOnce(task));
            mostOpen = Math.max(mostOpen, openDescriptorsUnder(dir));
        }

        assertThat(values(records)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mostOpen).isBetween(1, 2);
    }

    @Test
    void aFileDeletedWhileBeingReadIsReadToItsEndBeforeItIsForgotten() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("r").append(i).append('\n');
        }
        Path file = write("rotated.txt", text.toString());
        FileSourceTask task = start(config("batch.max.records", "10"));
        List<SourceRecord> records = new ArrayList<>(pollUntil(task, 10));

        Files.delete(file);
        awaitTrue(() -> {
            records.addAll(pollOnce(task));
            return records.size() >= 300;
        });

        assertThat(values(records)).containsExactlyElementsOf(
                IntStream.range(0, 300).mapToObj(i -> "r" + i).collect(Collectors.toList()));
        // once at its end it is forgotten: its descriptor closed, nothing more read
        awaitTrue(() -> {
            records.addAll(pollOnce(task));
            return openDescriptorsUnderQuietly(dir) == 0;
        });
        assertThat(records).hasSize(300);
    }

    @Test
    void movedFilesKeepTheirSubdirectorySoSameNamesNeverMeet() throws Exception {
        Path one = write("one/a.txt", "from one\n");
        Path two = write("two/a.txt", "from two\n");
        FileSourceTask task = start(config(FileSourceConfig.RECURSIVE_CONFIG, "true",
                FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.COMPLETED_DIR_CONFIG,
                done.toString()));
        acknowledgeAndStore(task, pollUntil(task, 2));

        awaitTrue(() -> pollOnce(task).isEmpty() && !Files.exists(one) && !Files.exists(two));

        assertThat(done.resolve("one/a.txt")).hasContent("from one");
        assertThat(done.resolve("two/a.txt")).hasContent("from two");
    }

    @Test
    void anAppendBetweenTheLastListingAndTheMoveIsReadBeforeTheFileIsMoved() throws Exception {
        Path file = write("a.txt", "a1\n");
        // one listing only: the append below is seen by the check just before the move, not by a listing
        FileSourceTask task = start(config(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "600000",
                FileSourceConfig.COMPLETED_ACTION_CONFIG, "move", FileSourceConfig.COMPLETED_DIR_CONFIG,
                done.toString()));
        List<SourceRecord> first = pollUntil(task, 1);
        // read to its end and waiting for its commit before the append (also with the next batch read ahead)
        assertThat(pollRounds(task, 2)).isEmpty();
        Files.write(file, "a2\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        // the file's time must differ from what was read even on coarse-grained file systems; set in the past, since
        // a file modified in the future is not settled (finished) before its time plus file.min.age.ms, nor moved
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(file).toMillis() - 2000));
        acknowledgeAndStore(task, first);

        List<SourceRecord> second = pollUntil(task, 1);
        assertThat(values(second)).containsExactly("a2");
        assertThat(file).exists();
        acknowledgeAndStore(task, second);
        awaitTrue(() -> pollOnce(task).isEmpty() && !Files.exists(file));
        assertThat(done.resolve("a.txt")).hasContent("a1\na2\n");
    }

    @Test
    void pollReturnsWithinAboutASecondWhateverThePollInterval() throws Exception {
        FileSourceTask task = start(config(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "600000"));
        pollOnce(task); // the first listing

        // generous bound: the point is that poll() does not wait for the ten-minute listing interval
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(task.poll()).isNull());
    }

    @Test
    void aSlowListingShortensTheReadingSoAPollTakesAboutASecond() {
        assertThat(FileSourceTask.readDeadline(0, 100)).isEqualTo(100 + FileSourceTask.READ_BUDGET_MILLIS);
        assertThat(FileSourceTask.readDeadline(0, 800)).isEqualTo(FileSourceTask.MAX_WAIT_MILLIS);
        assertThat(FileSourceTask.readDeadline(0, 3000)).isEqualTo(3000 + FileSourceTask.MIN_READ_MILLIS);
    }

    @Test
    void aSlowListingIsRepeatedLessOftenSoThatItNeverCrowdsOutReading() {
        assertThat(FileSourceTask.nextListingAt(10_000, 10_040, 1000)).as("fast: every interval").isEqualTo(11_000);
        assertThat(FileSourceTask.nextListingAt(10_000, 10_560, 1000)).as("560 ms: ten times that")
                .isEqualTo(10_000 + 5_600);
        assertThat(FileSourceTask.nextListingAt(10_000, 10_560, 60_000)).as("a long interval stays")
                .isEqualTo(70_000);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Map<String, String> jsonArray(String... extra) {
        Map<String, String> config = config(extra);
        config.put(FileSourceConfig.FORMAT_CONFIG, "json-array");
        config.put("value.schema", SCHEMA);
        return config;
    }

    private static String header(SourceRecord record, String key) {
        Header header = record.headers().lastWithName(key);
        return header == null ? null : (String) header.value();
    }

    private static int openDescriptorsUnderQuietly(Path dir) {
        try {
            return openDescriptorsUnder(dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Descriptors this JVM holds on files below {@code dir}: what the operating system sees, not the task's word. */
    private static int openDescriptorsUnder(Path dir) throws IOException {
        Path real = dir.toRealPath();
        int count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(real)) {
                        count++;
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return count;
    }
}
