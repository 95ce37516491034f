package io.github.schemafirst.connect.file.read;

import static io.github.schemafirst.connect.file.read.ReaderTesting.append;
import static io.github.schemafirst.connect.file.read.ReaderTesting.assertResumesFromEveryBoundary;
import static io.github.schemafirst.connect.file.read.ReaderTesting.drain;
import static io.github.schemafirst.connect.file.read.ReaderTesting.fixture;
import static io.github.schemafirst.connect.file.read.ReaderTesting.gzip;
import static io.github.schemafirst.connect.file.read.ReaderTesting.open;
import static io.github.schemafirst.connect.file.read.ReaderTesting.texts;
import static io.github.schemafirst.connect.file.read.ReaderTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.file.read.ReaderTesting.Read;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.RawRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSharedSampleWithLinePositionsAndDecodesEachLine() throws IOException {
        Path file = fixture("users.jsonl");
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            List<Read> records = drain(reader);
            assertThat(records).hasSize(20);
            assertThat(records.get(0).position()).isEqualTo("users.jsonl:1");
            assertThat(records.get(19).position()).isEqualTo("users.jsonl:20");
            assertThat(records.get(19).after())
                    .isEqualTo(new ReadPosition(Files.size(file), 21, 20));
            RawRecord ninth = new RawRecord(io.github.schemafirst.connect.record.Position.line("users.jsonl", 9),
                    records.get(8).text().getBytes(StandardCharsets.UTF_8));
            try {
                JsonNode node = reader.decoder().decode(ninth);
                assertThat(node.get("name").asText()).isEqualTo("Zoë-Müller");
            } catch (InvalidRecordException e) {
                throw new AssertionError(e);
            }
            assertThat(reader.finished()).as("a plain file may still grow").isFalse();
            reader.markComplete();
            assertThat(reader.next()).isNull();
            assertThat(reader.finished()).isTrue();
        }
    }

    @Test
    void resumingFromEveryRecordBoundaryGivesTheSameRemainingRecords() throws IOException {
        assertResumesFromEveryBoundary(fixture("users.jsonl"), FileFormat.JSONL, null, null);
    }

    @Test
    void resumingWorksWithCrlfBlankLinesAndAByteOrderMark() throws IOException {
        Path file = write(dir.resolve("mixed.jsonl"), "\uFEFF{\"a\":1}\r\n\r\n   \n{\"a\":2}\n\t\n{\"a\":3}");
        List<Read> all = assertResumesFromEveryBoundary(file, FileFormat.JSONL, null, null);
        assertThat(texts(all)).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
        assertThat(all).extracting(Read::position).containsExactly("mixed.jsonl:1", "mixed.jsonl:4", "mixed.jsonl:6");
    }

    @Test
    void blankAndWhitespaceOnlyLinesAreSkippedButCounted() throws IOException {
        Path file = write(dir.resolve("blank.jsonl"), "\n{\"a\":1}\n  \t \n\n{\"a\":2}\n\n");
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            List<Read> records = drain(reader);
            assertThat(records).extracting(Read::position).containsExactly("blank.jsonl:2", "blank.jsonl:5");
            assertThat(reader.position()).isEqualTo(new ReadPosition(Files.size(file), 7, 2));
        }
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstRecordButCountsInThePosition() throws IOException {
        Path file = write(dir.resolve("bom.jsonl"), "\uFEFF{\"a\":1}\n");
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            RawRecord first = reader.next();
            assertThat(first.text()).isEqualTo("{\"a\":1}");
            assertThat(reader.position().byteOffset()).isEqualTo(3 + 8);
        }
    }

    @Test
    void aPartialLastLineWaitsUntilItsNewlineArrives() throws IOException {
        Path file = write(dir.resolve("growing.jsonl"), "{\"a\":1}\n{\"a\":");
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            assertThat(reader.next().text()).isEqualTo("{\"a\":1}");
            assertThat(reader.next()).isNull();
            assertThat(reader.position()).isEqualTo(new ReadPosition(8, 2, 1));
            append(file, "2}\n{\"a\"");
            assertThat(reader.next().text()).isEqualTo("{\"a\":2}");
            assertThat(reader.next()).isNull();
            append(file, ":3}\n");
            RawRecord third = reader.next();
            assertThat(third.text()).isEqualTo("{\"a\":3}");
            assertThat(third.position().toString()).isEqualTo("growing.jsonl:3");
            assertThat(reader.next()).isNull();
            assertThat(reader.position()).isEqualTo(new ReadPosition(Files.size(file), 4, 3));
        }
    }

    @Test
    void markCompleteTurnsAnUnterminatedLastLineIntoARecord() throws IOException {
        Path file = write(dir.resolve("final.jsonl"), "{\"a\":1}\n{\"a\":2}");
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            assertThat(texts(drain(reader))).containsExactly("{\"a\":1}");
            assertThat(reader.finished()).isFalse();
            reader.markComplete();
            assertThat(texts(drain(reader))).containsExactly("{\"a\":2}");
            assertThat(reader.position()).isEqualTo(new ReadPosition(Files.size(file), 2, 2));
            assertThat(reader.finished()).isTrue();
        }
    }

    @Test
    void anEmptyFileHasNoRecordsAndNoError() throws IOException {
        Path file = write(dir.resolve("empty.jsonl"), "");
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            assertThat(reader.next()).isNull();
            assertThat(reader.position()).isEqualTo(ReadPosition.START);
            reader.markComplete();
            assertThat(reader.next()).isNull();
            assertThat(reader.finished()).isTrue();
        }
    }

    @Test
    void invalidUtf8PassesThroughUnchangedAndTheDecoderRejectsIt() throws IOException {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        Path file = Files.write(dir.resolve("bad.jsonl"), bad);
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            RawRecord raw = reader.next();
            assertThat(raw.bytes()).containsExactly(java.util.Arrays.copyOf(bad, bad.length - 1));
            assertThatThrownBy(() -> reader.decoder().decode(raw))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("bad.jsonl:1 /: expected UTF-8 text, got invalid UTF-8 bytes (truncated sequence) "
                            + "at byte 6");
        }
    }

    @Test
    void anOverlongSequenceMakesOnlyItsLineInvalidInsteadOfChangingTheText()
            throws IOException, InvalidRecordException {
        // C0 AF is an overlong "/": a lenient decoder turns "a\u00C0\u00AFb" into "a/b"
        byte[] content = "{\"p\":\"a\"}\n{\"p\":\"a\u00C0\u00AFb\"}\n{\"p\":\"c\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("overlong.jsonl"), content);
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            assertThat(reader.decoder().decode(reader.next()).get("p").textValue()).isEqualTo("a");
            RawRecord bad = reader.next();
            assertThat(bad.bytes()).containsExactly("{\"p\":\"a\u00C0\u00AFb\"}".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> reader.decoder().decode(bad))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("overlong.jsonl:2 /: expected UTF-8 text, got invalid UTF-8 bytes (overlong encoding) "
                            + "at byte 7");
            assertThat(reader.decoder().decode(reader.next()).get("p").textValue()).isEqualTo("c");
        }
    }

    @Test
    void gzipFilesAreDecompressedAndCompleteFromTheStart() throws IOException {
        byte[] content = Files.readAllBytes(fixture("users.jsonl"));
        Path file = gzip(dir.resolve("users.jsonl.gz"), content);
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            List<Read> records = drain(reader);
            assertThat(records).hasSize(20);
            assertThat(reader.position().byteOffset()).as("positions count decompressed bytes")
                    .isEqualTo(content.length);
            assertThat(reader.finished()).isTrue();
        }
        assertResumesFromEveryBoundary(file, FileFormat.JSONL, null, null);
    }

    @Test
    void aGzipFileWhoseLastLineHasNoNewlineStillYieldsIt() throws IOException {
        Path file = gzip(dir.resolve("tail.jsonl.gz"), "{\"a\":1}\n{\"a\":2}".getBytes(StandardCharsets.UTF_8));
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            assertThat(texts(drain(reader))).containsExactly("{\"a\":1}", "{\"a\":2}");
            assertThat(reader.finished()).isTrue();
        }
    }

    @Test
    void resumingBeyondTheEndOfAShorterFileIsATruncation() throws IOException {
        Path file = write(dir.resolve("short.jsonl"), "{\"a\":1}\n");
        assertThatThrownBy(() -> FileRecordReaders.open(file, "short.jsonl", FileFormat.JSONL, null, null,
                new ReadPosition(100, 5, 4), ReaderTesting.MAX_RECORD_BYTES))
                .isInstanceOf(TruncatedFileException.class)
                .hasMessage("short.jsonl was truncated: file is 8 bytes, resume position is 100");
        Path gz = gzip(dir.resolve("short.jsonl.gz"), "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> FileRecordReaders.open(gz, "short.jsonl.gz", FileFormat.JSONL, null, null,
                new ReadPosition(100, 5, 4), ReaderTesting.MAX_RECORD_BYTES))
                .isInstanceOf(TruncatedFileException.class)
                .hasMessage("short.jsonl.gz was truncated: file is 8 bytes (decompressed), resume position is 100");
    }

    @Test
    void aFileTruncatedWhileBeingReadFailsTheNextRead() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            lines.append("{\"i\":").append(i).append("}\n");
        }
        Path file = write(dir.resolve("shrinking.jsonl"), lines.toString());
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            assertThat(reader.next()).isNotNull();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(10);
            }
            assertThatThrownBy(() -> drain(reader))
                    .isInstanceOf(TruncatedFileException.class)
                    .hasMessageStartingWith("shrinking.jsonl was truncated: file is 10 bytes, read position is ");
        }
    }

    @Test
    void aFileDeletedWhileBeingReadCanStillBeReadToItsEnd() throws IOException {
        Path file = write(dir.resolve("deleted.jsonl"), Files.readString(fixture("users.jsonl")));
        try (FileRecordReader reader = open(file, FileFormat.JSONL)) {
            assertThat(reader.next()).isNotNull();
            Files.delete(file);
            assertThat(Files.exists(file)).isFalse();
            assertThat(drain(reader)).hasSize(19);
        }
    }
}
