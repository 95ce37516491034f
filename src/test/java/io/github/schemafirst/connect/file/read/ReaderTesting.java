package io.github.schemafirst.connect.file.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.record.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.connect.data.Schema;

/** Shared steps of the reader tests: fixtures, writing files, draining a reader. */
final class ReaderTesting {
    /** The connector's default record size limit. */
    static final int MAX_RECORD_BYTES = io.github.schemafirst.connect.file.FileSourceConfig.RECORD_MAX_BYTES_DEFAULT;
    private ReaderTesting() {
    }

    /** A record as read, with the reader's position right after it. */
    record Read(String position, String text, ReadPosition after) {
    }

    static Path fixture(String name) {
        try {
            return Paths.get(ReaderTesting.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path file, String content) throws IOException {
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static void append(Path file, String content) throws IOException {
        Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }

    static Path gzip(Path file, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return Files.write(file, out.toByteArray());
    }

    static FileRecordReader open(Path file, FileFormat format) throws IOException {
        return FileRecordReaders.open(file, file.getFileName().toString(), format, null, null, ReadPosition.START,
                MAX_RECORD_BYTES);
    }

    /** Every record available now, each with the position after it. */
    static List<Read> drain(FileRecordReader reader) throws IOException {
        List<Read> records = new ArrayList<>();
        RawRecord raw;
        while ((raw = reader.next()) != null) {
            records.add(new Read(raw.position().toString(), raw.text(), reader.position()));
        }
        return records;
    }

    static List<String> texts(List<Read> records) {
        List<String> texts = new ArrayList<>();
        for (Read read : records) {
            texts.add(read.text());
        }
        return texts;
    }

    /**
     * Reads the whole (complete) file, then reopens it at the position after each record, and at the start: each
     * reopened reader must return exactly the records that followed, with the same positions.
     */
    static List<Read> assertResumesFromEveryBoundary(Path file, FileFormat format, CsvOptions csv, Schema schema)
            throws IOException {
        String name = file.getFileName().toString();
        List<Read> all;
        try (FileRecordReader reader = FileRecordReaders.open(file, name, format, csv, schema, ReadPosition.START,
                MAX_RECORD_BYTES)) {
            reader.markComplete();
            all = drain(reader);
            assertThat(reader.finished()).as("finished after reading everything").isTrue();
        }
        assertThat(all).isNotEmpty();
        for (int k = 0; k <= all.size(); k++) {
            ReadPosition from = k == 0 ? ReadPosition.START : all.get(k - 1).after();
            try (FileRecordReader reader = FileRecordReaders.open(file, name, format, csv, schema, from,
                    MAX_RECORD_BYTES)) {
                reader.markComplete();
                assertThat(drain(reader)).as("records after resuming at %s", from)
                        .isEqualTo(all.subList(k, all.size()));
                assertThat(reader.finished()).isTrue();
            } catch (IOException e) {
                throw new UncheckedIOException("resuming at " + from, e);
            }
        }
        return all;
    }
}
