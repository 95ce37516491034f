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

import io.github.schemafirst.connect.file.read.ReaderTesting.Read;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArrayReaderTest {
    @TempDir
    Path dir;

    @Test
    void eachElementIsTheExactSliceOfTheFileWithTheLineItStartsOn() throws IOException, InvalidRecordException {
        Path file = fixture("users.json");
        String content = Files.readString(file);
        try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
            List<Read> records = drain(reader);
            assertThat(records).hasSize(20);
            assertThat(records.get(0).text()).isEqualTo(
                    "{\n    \"name\": \"Gildong-Hong\",\n    \"favorite_number\": 18,\n    \"favorite_color\": \"blue\"\n  }");
            assertThat(records.get(0).position()).isEqualTo("users.json:2");
            assertThat(records.get(1).position()).isEqualTo("users.json:7");
            // byteOffset is just past the element, line is the line that byte is on
            int endOfFirst = content.indexOf('}') + 1;
            assertThat(records.get(0).after()).isEqualTo(new ReadPosition(endOfFirst, 6, 1));
            assertThat(reader.finished()).as("the closing bracket was read").isTrue();
            RawRecord ninth = new RawRecord(io.github.schemafirst.connect.record.Position.line("users.json", 42),
                    records.get(8).text().getBytes(StandardCharsets.UTF_8));
            assertThat(reader.decoder().decode(ninth).get("name").textValue()).isEqualTo("Zoë-Müller");
        }
    }

    @Test
    void resumingFromEveryElementBoundaryGivesTheSameRemainingElements() throws IOException {
        assertResumesFromEveryBoundary(fixture("users.json"), FileFormat.JSON_ARRAY, null, null);
    }

    @Test
    void scalarsNestedArraysAndAByteOrderMarkAreSlicedExactly() throws IOException {
        Path file = write(dir.resolve("mixed.json"),
                "\uFEFF [ 1 , \"tw\\\"o\" ,\r\n[3,[4]] , null,true,{\"x\":\"é\"},-5.5e3]  ");
        List<Read> all = assertResumesFromEveryBoundary(file, FileFormat.JSON_ARRAY, null, null);
        assertThat(texts(all)).containsExactly("1", "\"tw\\\"o\"", "[3,[4]]", "null", "true", "{\"x\":\"é\"}",
                "-5.5e3");
        assertThat(all.get(2).position()).isEqualTo("mixed.json:2");
    }

    @Test
    void anUnclosedArrayOnAGrowingFileWaitsAndGoesOnWhenMoreArrives() throws IOException {
        Path file = write(dir.resolve("growing.json"), "[{\"a\":1},{\"a\":");
        try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
            assertThat(texts(drain(reader))).containsExactly("{\"a\":1}");
            assertThat(reader.finished()).isFalse();
            append(file, "2},\n12");
            assertThat(texts(drain(reader))).as("a number at the end of the data may still grow")
                    .containsExactly("{\"a\":2}");
            append(file, "3, 4");
            assertThat(texts(drain(reader))).containsExactly("123");
            append(file, "]");
            assertThat(texts(drain(reader))).containsExactly("4");
            assertThat(reader.finished()).isTrue();
            assertThat(reader.position().recordIndex()).isEqualTo(4);
        }
    }

    @Test
    void anUnclosedArrayInACompleteFileIsMalformed() throws IOException {
        Path file = write(dir.resolve("cut.json"), "[{\"a\":1},\n{\"a\":");
        try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
            reader.markComplete();
            assertThat(reader.next().text()).isEqualTo("{\"a\":1}");
            assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                    .hasMessageStartingWith("cut.json:1 (byte 8) the file ends inside the JSON array");
        }
    }

    @Test
    void malformedJsonStopsTheFileAfterTheLastGoodElementNamingWhere() throws IOException {
        Path file = write(dir.resolve("bad.json"), "[{\"a\":1},\n {\"a\" 2}, {\"a\":3}]");
        try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
            assertThat(reader.next().text()).isEqualTo("{\"a\":1}");
            assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                    .hasMessageStartingWith("bad.json:2 (byte 16) malformed JSON: ");
            assertThat(reader.position()).isEqualTo(new ReadPosition(8, 1, 1));
        }
        Path missingComma = write(dir.resolve("comma.json"), "[{\"a\":1} {\"a\":2}]");
        try (FileRecordReader reader = open(missingComma, FileFormat.JSON_ARRAY)) {
            assertThat(reader.next().text()).as("the complete element before the error").isEqualTo("{\"a\":1}");
            assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                    .hasMessage("comma.json:1 (byte 9) expected ',' or ']' after an array element, got '{'");
        }
    }

    @Test
    void aRootScalarIsNotAnArray() throws IOException {
        Path file = write(dir.resolve("scalar.json"), "42");
        try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                    .hasMessage("scalar.json:1 expected a JSON array or object, got VALUE_NUMBER_INT");
        }
    }

    @Test
    void aRootObjectIsOneRecord() throws IOException {
        Path file = write(dir.resolve("one.json"), "\n{\n  \"a\": [1, 2]\n}\n");
        List<Read> all = assertResumesFromEveryBoundary(file, FileFormat.JSON_ARRAY, null, null);
        assertThat(texts(all)).containsExactly("{\n  \"a\": [1, 2]\n}");
        assertThat(all.get(0).position()).isEqualTo("one.json:2");
    }

    @Test
    void emptyFilesAndEmptyArraysHaveNoRecords() throws IOException {
        for (String content : new String[] {"", "  \n", "[]", "[ \n ]"}) {
            Path file = write(dir.resolve("empty.json"), content);
            try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
                reader.markComplete();
                assertThat(reader.next()).as("content %s", content).isNull();
                assertThat(reader.finished()).isTrue();
            }
        }
    }

    @Test
    void gzipArraysAreReadAndResumed() throws IOException {
        Path file = gzip(dir.resolve("users.json.gz"), Files.readAllBytes(fixture("users.json")));
        assertThat(assertResumesFromEveryBoundary(file, FileFormat.JSON_ARRAY, null, null)).hasSize(20);
    }

    @Test
    void anElementOverTheSizeLimitIsARejectedRecordAndTheNextOneIsRead() throws IOException {
        char[] big = new char[300_000];
        Arrays.fill(big, 'x');
        Path file = write(dir.resolve("big.json"), "[{\"s\":\"" + new String(big) + "\"},\n {\"a\": 2}]");
        try (FileRecordReader reader = FileRecordReaders.open(file, "big.json", FileFormat.JSON_ARRAY, null, null,
                ReadPosition.START, 100_000)) {
            RawRecord tooLarge = reader.next();
            assertThat(tooLarge.rejection()).hasMessage("big.json:1 /: the record is 300008 bytes, longer than the "
                    + "limit of 100000 bytes (file.record.max.bytes); only its first 1024 bytes are kept");
            assertThat(tooLarge.bytes()).hasSize(1024);
            assertThat(new String(tooLarge.bytes(), 0, 8, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"s\":\"xx");
            assertThat(reader.resumeCheck()).isNull();
            RawRecord next = reader.next();
            assertThat(next.text()).isEqualTo("{\"a\": 2}");
            assertThat(next.rejection()).isNull();
            assertThat(next.position().index()).isEqualTo(2);
            assertThat(reader.resumeCheck()).isNotNull();
        }
    }

    @Test
    void aWholeElementThatIsOneStringOverTheLimitIsNeverBuiltInMemory() throws IOException {
        char[] big = new char[300_000];
        Arrays.fill(big, 'x');
        Path file = write(dir.resolve("scalar.json"), "[\"" + new String(big) + "\", 2]");
        try (FileRecordReader reader = FileRecordReaders.open(file, "scalar.json", FileFormat.JSON_ARRAY, null, null,
                ReadPosition.START, 100_000)) {
            assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                    .hasMessageStartingWith("scalar.json:1 (byte 0) malformed JSON: String value length");
        }
    }

    @Test
    void aTenMegabyteElementIsOneRecord() throws IOException {
        char[] big = new char[10 * 1024 * 1024];
        Arrays.fill(big, 'y');
        Path file = write(dir.resolve("ten.json"), "[{\"s\":\"" + new String(big) + "\"}, 1]");
        try (FileRecordReader reader = FileRecordReaders.open(file, "ten.json", FileFormat.JSON_ARRAY, null, null,
                ReadPosition.START, 16 * 1024 * 1024)) {
            assertThat(reader.next().bytes()).hasSize(big.length + 8);
            assertThat(reader.next().text()).isEqualTo("1");
        }
    }

    @Test
    void aFileDeletedWhileBeingReadCanStillBeReadToItsEnd() throws IOException {
        Path file = write(dir.resolve("gone.json"), Files.readString(fixture("users.json")));
        try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
            assertThat(reader.next()).isNotNull();
            Files.delete(file);
            assertThat(drain(reader)).hasSize(19);
            assertThat(reader.finished()).isTrue();
        }
    }
    /**
     * The streaming parser accepts overlong sequences and encoded surrogates (it would read C0 AF as "/"), so it
     * cannot stop the file for them; the element's slice is checked when it is decoded, and only it is invalid.
     */
    @Test
    void utf8TheStreamingParserAcceptsMakesOnlyThatElementInvalid() throws IOException, InvalidRecordException {
        String latin1 = "[{\"p\":\"a\"},\n{\"p\":\"a\u00C0\u00AFb\"},\n\"x\u00ED\u00A0\u0080\", {\"p\":\"c\"}]";
        Path file = Files.write(dir.resolve("overlong.json"), latin1.getBytes(StandardCharsets.ISO_8859_1));
        try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
            reader.markComplete();
            RawRecord first = reader.next();
            RawRecord overlong = reader.next();
            RawRecord surrogate = reader.next();
            RawRecord last = reader.next();
            assertThat(reader.next()).isNull();
            assertThat(reader.finished()).isTrue();
            assertThat(overlong.bytes())
                    .containsExactly("{\"p\":\"a\u00C0\u00AFb\"}".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(reader.decoder().decode(first).get("p").textValue()).isEqualTo("a");
            assertThatThrownBy(() -> reader.decoder().decode(overlong))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("overlong.json:2 /: expected UTF-8 text, got invalid UTF-8 bytes (overlong encoding) "
                            + "at byte 7");
            assertThatThrownBy(() -> reader.decoder().decode(surrogate))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("overlong.json:3 /: expected UTF-8 text, got invalid UTF-8 bytes (encoded surrogate) "
                            + "at byte 2");
            assertThat(reader.decoder().decode(last).get("p").textValue()).isEqualTo("c");
        }
    }

    @Test
    void invalidUtf8IsMalformedJsonBecauseTheStreamingParserValidatesIt() throws IOException {
        for (String element : new String[] {"\"#\"", "{\"a\":\"#\"}"}) {
            byte[] text = ("[1,\n" + element + ",2]").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[text.length + 1];
            int hash = new String(text, StandardCharsets.UTF_8).indexOf('#');
            System.arraycopy(text, 0, content, 0, hash);
            content[hash] = (byte) 0xC3;
            content[hash + 1] = (byte) 0x28;
            System.arraycopy(text, hash + 1, content, hash + 2, text.length - hash - 1);
            Path file = Files.write(dir.resolve("utf.json"), content);
            try (FileRecordReader reader = open(file, FileFormat.JSON_ARRAY)) {
                assertThat(reader.next().text()).isEqualTo("1");
                assertThatThrownBy(reader::next).isInstanceOf(MalformedFileException.class)
                        .hasMessageStartingWith("utf.json:2 (byte ")
                        .hasMessageContaining("Invalid UTF-8");
            }
        }
    }
}
