package io.github.schemafirst.connect.file.read;

import io.github.schemafirst.connect.record.CsvRowDecoder;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.kafka.connect.data.Schema;

/**
 * Reads CSV rows, each row's raw bytes being all of its lines (a quoted cell may hold line breaks). Blank lines
 * are skipped. With a header, the first non-blank row names the columns; it is read when it is complete, so a CSV
 * file that is still empty simply has no records yet. After the header, rows are read as a
 * {@link LineRecordReader} reads non-blank lines.
 */
final class CsvRecordReader implements FileRecordReader {
    private final String displayName;
    private final LineReader lines;
    private final CSVFormat format;
    private final Schema valueSchema;
    private final LineRecordReader rows;
    private CsvRowDecoder rowDecoder;

    /**
     * @param rowDecoder the decoder when the columns are already known (no header row, or a header read before
     *                   resuming), or null when the next non-blank row of {@code lines} is the header
     */
    CsvRecordReader(String displayName, FileInput input, LineReader lines, CSVFormat format, Schema valueSchema,
            CsvRowDecoder rowDecoder, long recordIndex) {
        this.displayName = displayName;
        this.lines = lines;
        this.format = format;
        this.valueSchema = valueSchema;
        this.rowDecoder = rowDecoder;
        this.rows = new LineRecordReader(displayName, input, lines, true, raw -> rowDecoder().decode(raw),
                recordIndex);
    }

    /**
     * Reads the header row from {@code lines}, which must be at the start of the file.
     *
     * @return the decoder bound to the header, or null when no complete header row has arrived yet
     */
    static CsvRowDecoder readHeader(String displayName, LineReader lines, boolean complete, CSVFormat format,
            Schema valueSchema) throws IOException {
        while (lines.advance(complete)) {
            if (lines.recordIsBlank()) {
                continue;
            }
            Position position = Position.line(displayName, lines.recordLine(), lines.recordOffset());
            if (lines.recordTooLarge()) {
                throw new MalformedFileException(position + " cannot read the CSV header: "
                        + FileRecordReaders.tooLargeReason(lines.recordLength(), lines.maxRecordBytes()));
            }
            RawRecord header = new RawRecord(position, lines.recordBytes());
            List<String> columns;
            try {
                columns = CsvRowDecoder.parseHeader(header, format);
            } catch (InvalidRecordException e) {
                throw new MalformedFileException("cannot read the CSV header: " + e.getMessage(), e);
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                if (column.trim().isEmpty()) {
                    throw new MalformedFileException(header.position() + " CSV header: column " + (i + 1)
                            + " has no name");
                }
                if (!seen.add(column)) {
                    throw new MalformedFileException(header.position() + " CSV header: column \"" + column
                            + "\" appears twice");
                }
            }
            return new CsvRowDecoder(format, columns, valueSchema);
        }
        return null;
    }

    @Override
    public RawRecord next() throws IOException {
        if (rowDecoder == null) {
            rowDecoder = readHeader(displayName, lines, rows.complete(), format, valueSchema);
            if (rowDecoder == null) {
                return null;
            }
        }
        return rows.next();
    }

    private CsvRowDecoder rowDecoder() {
        if (rowDecoder == null) {
            throw new IllegalStateException("no CSV row of " + displayName + " was read yet");
        }
        return rowDecoder;
    }

    @Override
    public ReadPosition position() {
        return rows.position();
    }

    @Override
    public ResumeCheck resumeCheck() {
        return rows.resumeCheck();
    }

    @Override
    public RecordDecoder decoder() {
        return rows.decoder();
    }

    @Override
    public boolean finished() {
        return rows.finished();
    }

    @Override
    public void markComplete() {
        rows.markComplete();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
