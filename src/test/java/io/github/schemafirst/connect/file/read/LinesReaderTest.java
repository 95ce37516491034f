package io.github.schemafirst.connect.file.read;

import static io.github.schemafirst.connect.file.read.ReaderTesting.assertResumesFromEveryBoundary;
import static io.github.schemafirst.connect.file.read.ReaderTesting.drain;
import static io.github.schemafirst.connect.file.read.ReaderTesting.open;
import static io.github.schemafirst.connect.file.read.ReaderTesting.texts;
import static io.github.schemafirst.connect.file.read.ReaderTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinesReaderTest {
    @TempDir
    Path dir;

    @Test
    void blankLinesAreRecordsAndSpacesAreKept() throws IOException {
        Path file = write(dir.resolve("app.log"), "first\n\n  \r\nlast\n");
        try (FileRecordReader reader = open(file, FileFormat.LINES)) {
            assertThat(texts(drain(reader))).containsExactly("first", "", "  ", "last");
        }
    }

    @Test
    void decodesLinesAsTextAndRejectsInvalidUtf8() throws IOException, InvalidRecordException {
        Path file = Files.write(dir.resolve("bin.log"), new byte[] {'o', 'k', '\n', (byte) 0xFF, '\n'});
        try (FileRecordReader reader = open(file, FileFormat.LINES)) {
            assertThat(reader.decoder().decode(reader.next()).textValue()).isEqualTo("ok");
            RawRecord bad = reader.next();
            assertThat(bad.bytes()).containsExactly((byte) 0xFF);
            assertThatThrownBy(() -> reader.decoder().decode(bad))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("bin.log:2 /: expected UTF-8 text, got invalid UTF-8 bytes "
                            + "(0xFF never occurs in UTF-8) at byte 0");
        }
    }

    @Test
    void anOverlongSequenceIsInvalidRatherThanDecodedToAnotherCharacter() throws IOException {
        Path file = Files.write(dir.resolve("overlong.log"), "a\u00C0\u00AFb\n".getBytes(StandardCharsets.ISO_8859_1));
        try (FileRecordReader reader = open(file, FileFormat.LINES)) {
            RawRecord bad = reader.next();
            assertThatThrownBy(() -> reader.decoder().decode(bad))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("overlong.log:1 /: expected UTF-8 text, got invalid UTF-8 bytes (overlong encoding) "
                            + "at byte 1");
        }
    }

    @Test
    void resumesFromEveryBoundaryIncludingBlankLineRecords() throws IOException {
        Path file = write(dir.resolve("r.log"), "a\n\nb\r\n\nc");
        assertThat(texts(assertResumesFromEveryBoundary(file, FileFormat.LINES, null, null)))
                .containsExactly("a", "", "b", "", "c");
    }

    @Test
    void readsAMillionShortLinesWithExactPositions() throws IOException {
        StringBuilder text = new StringBuilder(8_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Path file = write(dir.resolve("million.log"), text.toString());
        long count = 0;
        try (FileRecordReader reader = open(file, FileFormat.LINES)) {
            while (reader.next() != null) {
                count++;
            }
            assertThat(reader.position().line()).isEqualTo(1_000_001);
        }
        // Speed is measured by the benchmarks, never asserted here.
        assertThat(count).isEqualTo(1_000_000);
    }
}
