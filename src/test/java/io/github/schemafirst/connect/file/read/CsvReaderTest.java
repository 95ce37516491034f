package io.github.schemafirst.connect.file.read;

import static io.github.schemafirst.connect.file.read.ReaderTesting.append;
import static io.github.schemafirst.connect.file.read.ReaderTesting.assertResumesFromEveryBoundary;
import static io.github.schemafirst.connect.file.read.ReaderTesting.drain;
import static io.github.schemafirst.connect.file.read.ReaderTesting.fixture;
import static io.github.schemafirst.connect.file.read.ReaderTesting.gzip;
import static io.github.schemafirst.connect.file.read.ReaderTesting.texts;
import static io.github.schemafirst.connect.file.read.ReaderTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.file.read.ReaderTesting.Read;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.RawRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    private static final Schema USER = SchemaBuilder.struct().name("User")
            .field("name", Schema.STRING_SCHEMA)
            .field("favorite_number", Schema.INT64_SCHEMA)
            .field("favorite_color", Schema.STRING_SCHEMA)
            .build();

    @TempDir
    Path dir;

    private static FileRecordReader open(Path file, CsvOptions options, Schema schema) throws IOException {
        return FileRecordReaders.open(file, file.getFileName().toString(), FileFormat.CSV, options, schema,
                ReadPosition.START, ReaderTesting.MAX_RECORD_BYTES);
    }

    @Test
    void readsTheSharedSampleSkippingTheHeaderAndTypesCellsByTheSchema() throws IOException, InvalidRecordException {
        Path file = fixture("users.csv");
        try (FileRecordReader reader = open(file, CsvOptions.defaults(), USER)) {
            RawRecord first = reader.next();
            assertThat(first.text()).isEqualTo("Gildong-Hong,18,blue");
            assertThat(first.position().toString()).isEqualTo("users.csv:2");
            JsonNode row = reader.decoder().decode(first);
            assertThat(row.get("name").textValue()).isEqualTo("Gildong-Hong");
            assertThat(row.get("favorite_number").isIntegralNumber()).isTrue();
            assertThat(row.get("favorite_number").longValue()).isEqualTo(18);
            List<Read> rest = drain(reader);
            assertThat(rest).hasSize(19);
            assertThat(reader.position()).isEqualTo(new ReadPosition(Files.size(file), 22, 20));
        }
    }

    @Test
    void resumingFromEveryBoundaryRereadsTheHeaderAndGivesTheSameRows() throws IOException, InvalidRecordException {
        Path file = fixture("users.csv");
        assertResumesFromEveryBoundary(file, FileFormat.CSV, CsvOptions.defaults(), USER);
        List<Read> all;
        try (FileRecordReader reader = open(file, CsvOptions.defaults(), USER)) {
            all = drain(reader);
        }
        try (FileRecordReader resumed = FileRecordReaders.open(file, "users.csv", FileFormat.CSV,
                CsvOptions.defaults(), USER, all.get(9).after(), ReaderTesting.MAX_RECORD_BYTES)) {
            JsonNode row = resumed.decoder().decode(resumed.next());
            assertThat(row.get("name").textValue()).as("bound to the header read again on resume")
                    .isEqualTo("Olumide-Park");
        }
    }

    @Test
    void aQuotedCellMayHoldLineBreaksAndTheRowKeepsAllItsBytes() throws IOException, InvalidRecordException {
        String content = "id,note\r\n1,\"two\r\nlines\"\r\n2,\"a \"\"quoted\"\"\nword\"\r\n3,plain\r\n";
        Path file = write(dir.resolve("notes.csv"), content);
        List<Read> rows = assertResumesFromEveryBoundary(file, FileFormat.CSV, CsvOptions.defaults(), null);
        assertThat(texts(rows)).containsExactly("1,\"two\r\nlines\"", "2,\"a \"\"quoted\"\"\nword\"", "3,plain");
        assertThat(rows).extracting(Read::position).containsExactly("notes.csv:2", "notes.csv:4", "notes.csv:6");
        assertThat(rows.get(0).after()).isEqualTo(new ReadPosition(9 + 16, 4, 1));
        try (FileRecordReader reader = open(file, CsvOptions.defaults(), null)) {
            JsonNode second = reader.decoder().decode(reader.next());
            assertThat(second.get("note").textValue()).isEqualTo("two\r\nlines");
            assertThat(reader.decoder().decode(reader.next()).get("note").textValue())
                    .isEqualTo("a \"quoted\"\nword");
        }
    }

    @Test
    void aRowWithAnOpenQuoteWaitsForItsClosingQuote() throws IOException {
        Path file = write(dir.resolve("growing.csv"), "id,note\n1,\"start\n");
        try (FileRecordReader reader = open(file, CsvOptions.defaults(), null)) {
            assertThat(reader.next()).isNull();
            append(file, "end\"\n");
            assertThat(reader.next().text()).isEqualTo("1,\"start\nend\"");
        }
    }

    @Test
    void theHeaderIsReadOnceItIsCompleteAndBlankLinesAreSkipped() throws IOException {
        Path file = write(dir.resolve("late.csv"), "");
        try (FileRecordReader reader = open(file, CsvOptions.defaults(), USER)) {
            assertThat(reader.next()).isNull();
            append(file, "\nname,favorite_nu");
            assertThat(reader.next()).isNull();
            append(file, "mber,favorite_color\n\n  \nAna,1,red\n");
            RawRecord row = reader.next();
            assertThat(row.text()).isEqualTo("Ana,1,red");
            assertThat(row.position().toString()).isEqualTo("late.csv:5");
            assertThat(reader.position()).isEqualTo(new ReadPosition(Files.size(file), 6, 1));
        }
    }

    @Test
    void aHeaderOnlyFileHasNoRecords() throws IOException {
        Path file = write(dir.resolve("header.csv"), "a,b\n");
        try (FileRecordReader reader = open(file, CsvOptions.defaults(), null)) {
            reader.markComplete();
            assertThat(reader.next()).isNull();
            assertThat(reader.finished()).isTrue();
            assertThat(reader.position()).isEqualTo(new ReadPosition(4, 2, 0));
        }
    }

    @Test
    void duplicateOrEmptyHeaderNamesMakeTheFileUnreadable() throws IOException {
        Path dup = write(dir.resolve("dup.csv"), "a,b,a\n1,2,3\n");
        try (FileRecordReader reader = open(dup, CsvOptions.defaults(), null)) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                    .hasMessage("dup.csv:1 CSV header: column \"a\" appears twice");
        }
        Path empty = write(dir.resolve("empty.csv"), "a,,c\n");
        try (FileRecordReader reader = open(empty, CsvOptions.defaults(), null)) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                    .hasMessage("empty.csv:1 CSV header: column 2 has no name");
        }
    }

    @Test
    void withoutAHeaderColumnsBindToTheSchemaFieldsInOrder() throws IOException, InvalidRecordException {
        Path file = write(dir.resolve("noheader.csv"), "Ana,7,red\nBo,x,blue\n");
        CsvOptions options = CsvOptions.defaults().withHeader(false);
        try (FileRecordReader reader = open(file, options, USER)) {
            JsonNode ana = reader.decoder().decode(reader.next());
            assertThat(ana.get("favorite_number").intValue()).isEqualTo(7);
            assertThat(ana.get("favorite_color").textValue()).isEqualTo("red");
            JsonNode bo = reader.decoder().decode(reader.next());
            assertThat(bo.get("favorite_number").textValue()).as("left as text for the mapper to report")
                    .isEqualTo("x");
        }
        assertResumesFromEveryBoundary(file, FileFormat.CSV, options, USER);
    }

    @Test
    void withoutHeaderOrSchemaColumnsAreNumbered() throws IOException, InvalidRecordException {
        Path file = write(dir.resolve("bare.csv"), "a,b,c\n");
        try (FileRecordReader reader = open(file, CsvOptions.defaults().withHeader(false), null)) {
            JsonNode row = reader.decoder().decode(reader.next());
            assertThat(row.fieldNames()).toIterable().containsExactly("column1", "column2", "column3");
        }
    }

    @Test
    void otherDelimiterQuoteAndEscapeAreHonouredWhenSplittingRows() throws IOException, InvalidRecordException {
        Path file = write(dir.resolve("semi.csv"), "id;note\n1;'x;\ny'\n2;a\\;b\n");
        CsvOptions options = CsvOptions.defaults().withDelimiter(';').withQuote('\'').withEscape('\\');
        try (FileRecordReader reader = open(file, options, null)) {
            assertThat(reader.decoder().decode(reader.next()).get("note").textValue()).isEqualTo("x;\ny");
            assertThat(reader.decoder().decode(reader.next()).get("note").textValue()).isEqualTo("a;b");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void gzipCsvIsReadAndResumed() throws IOException {
        Path file = gzip(dir.resolve("users.csv.gz"), Files.readAllBytes(fixture("users.csv")));
        assertThat(assertResumesFromEveryBoundary(file, FileFormat.CSV, CsvOptions.defaults(), USER)).hasSize(20);
    }

    @Test
    void aResumePositionInsideTheHeaderIsRejected() throws IOException {
        Path file = write(dir.resolve("h.csv"), "name,favorite_number\nA,1\n");
        assertThatThrownBy(() -> FileRecordReaders.open(file, "h.csv", FileFormat.CSV, null, USER,
                new ReadPosition(3, 1, 0), ReaderTesting.MAX_RECORD_BYTES))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("h.csv cannot resume at byte 3: it is not after the CSV header row");
    }
}
