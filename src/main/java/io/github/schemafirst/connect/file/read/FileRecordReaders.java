package io.github.schemafirst.connect.file.read;

import io.github.schemafirst.connect.record.CsvRowDecoder;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.TextRecordDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/** Opens the {@link FileRecordReader} for a file's format; see {@code docs/file-formats.md} for the rules. */
public final class FileRecordReaders {
    private FileRecordReaders() {
    }

    /**
     * Opens a reader of a local file positioned at {@code start}. Files whose name ends in {@code .gz} are decompressed on the fly
     * (positions then count decompressed bytes) and are complete from the start.
     *
     * @param displayName    the name used in record positions and messages, e.g. {@code users.jsonl}
     * @param csv            the CSV options (ignored for other formats; null means {@link CsvOptions#defaults()})
     * @param valueSchema    the declared value schema, or null: types CSV cells and names header-less CSV columns
     * @param maxRecordBytes the longest record; a longer one is handed out {@link RawRecord#rejected rejected}
     * @throws TruncatedFileException when the file is shorter than {@code start}
     */
    public static FileRecordReader open(Path file, String displayName, FileFormat format, CsvOptions csv,
            Schema valueSchema, ReadPosition start, int maxRecordBytes) throws IOException {
        return open(FileChannelSource.open(file, displayName), FileInput.isCompressed(file.getFileName().toString()),
                displayName, format, csv, valueSchema, start, maxRecordBytes);
    }

    /**
     * Opens a reader of {@code source} (closed with the reader, or here when opening fails) positioned at
     * {@code start}; {@code compressed} sources are gzip and decompressed on the fly.
     */
    public static FileRecordReader open(ByteSource source, boolean compressed, String displayName, FileFormat format,
            CsvOptions csv, Schema valueSchema, ReadPosition start, int maxRecordBytes) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(start, "start");
        FileInput input = new FileInput(displayName, source, compressed);
        try {
            switch (format) {
                case JSON_ARRAY:
                    return new JsonArrayRecordReader(displayName, input, start, maxRecordBytes);
                case CSV:
                    return openCsv(displayName, input, csv == null ? CsvOptions.defaults() : csv, valueSchema, start,
                            maxRecordBytes);
                case JSONL:
                case LINES:
                    LineReader lines = new LineReader(displayName, input.streamAt(start.byteOffset()),
                            RecordBoundary.LINE, start.byteOffset(), start.line(), maxRecordBytes,
                            input.bytesFrom(start.byteOffset()));
                    return format == FileFormat.JSONL
                            ? new LineRecordReader(displayName, input, lines, true, new JsonRecordDecoder(),
                                    start.recordIndex())
                            : new LineRecordReader(displayName, input, lines, false, new TextRecordDecoder(),
                                    start.recordIndex());
                default:
                    throw new IllegalArgumentException("no reader for format " + format);
            }
        } catch (IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /** Why a record over the limit is invalid, in the same words for every format. */
    static String tooLargeReason(long length, int maxRecordBytes) {
        return "the record is " + length + " bytes, longer than the limit of " + maxRecordBytes
                + " bytes (file.record.max.bytes); only its first " + LineReader.TOO_LARGE_PREFIX
                + " bytes are kept";
    }

    private static FileRecordReader openCsv(String displayName, FileInput input, CsvOptions options,
            Schema valueSchema, ReadPosition start, int maxRecordBytes) throws IOException {
        CSVFormat format = options.toCsvFormat();
        CsvRowDecoder rowDecoder = null;
        if (!options.header()) {
            rowDecoder = new CsvRowDecoder(format, schemaFieldNames(valueSchema), valueSchema);
        } else if (start.byteOffset() > 0) {
            // Resuming past the header: read it once more from the top, then seek.
            LineReader headerLines = new LineReader(displayName, input.streamAt(0), new CsvRecordBoundary(options), 0,
                    1, maxRecordBytes);
            rowDecoder = CsvRecordReader.readHeader(displayName, headerLines, true, format, valueSchema);
            if (rowDecoder == null || headerLines.offset() > start.byteOffset()) {
                throw new MalformedFileException(displayName + " cannot resume at byte " + start.byteOffset()
                        + ": it is not after the CSV header row");
            }
        }
        LineReader lines = new LineReader(displayName, input.streamAt(start.byteOffset()),
                new CsvRecordBoundary(options), start.byteOffset(), start.line(), maxRecordBytes,
                input.bytesFrom(start.byteOffset()));
        return new CsvRecordReader(displayName, input, lines, format, valueSchema, rowDecoder, start.recordIndex());
    }

    /** Header-less CSV binds columns to the value schema's fields in order; without one, columns are numbered. */
    private static List<String> schemaFieldNames(Schema valueSchema) {
        if (valueSchema == null || valueSchema.type() != Schema.Type.STRUCT) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Field field : valueSchema.fields()) {
            names.add(field.name());
        }
        return names;
    }
}
