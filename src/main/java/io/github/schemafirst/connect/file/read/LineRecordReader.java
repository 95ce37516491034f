package io.github.schemafirst.connect.file.read;

import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import java.io.IOException;

/**
 * Reads a file where each line is one record: {@code jsonl} (blank lines skipped) and {@code lines} (blank lines
 * are records, the empty string or the spaces they hold).
 */
final class LineRecordReader implements FileRecordReader {
    private final String displayName;
    private final FileInput input;
    private final LineReader lines;
    private final boolean skipBlankLines;
    private final RecordDecoder decoder;
    private final boolean compressed;
    private long recordIndex;
    private boolean complete;
    private boolean hasRecord;

    LineRecordReader(String displayName, FileInput input, LineReader lines, boolean skipBlankLines,
            RecordDecoder decoder, long recordIndex) {
        this.displayName = displayName;
        this.input = input;
        this.lines = lines;
        this.skipBlankLines = skipBlankLines;
        this.decoder = decoder;
        this.recordIndex = recordIndex;
        this.compressed = input.isFinal();
        this.complete = compressed;
    }

    @Override
    public RawRecord next() throws IOException {
        while (lines.advance(complete)) {
            if (skipBlankLines && lines.recordIsBlank()) {
                continue;
            }
            recordIndex++;
            hasRecord = true;
            Position position = Position.line(displayName, lines.recordLine(), lines.recordOffset());
            if (lines.recordTooLarge()) {
                return RawRecord.rejected(position, lines.recordBytes(),
                        FileRecordReaders.tooLargeReason(lines.recordLength(), lines.maxRecordBytes()));
            }
            return new RawRecord(position, lines.recordBytes());
        }
        return null;
    }

    /** Whether the file is known to be whole (no more bytes will arrive), so a last line without newline counts. */
    boolean complete() {
        return complete;
    }

    @Override
    public ReadPosition position() {
        return new ReadPosition(lines.offset(), lines.line(), recordIndex);
    }

    @Override
    public ResumeCheck resumeCheck() {
        return hasRecord && !compressed ? lines.recordCheck() : null;
    }

    @Override
    public byte[] head(int max) {
        return compressed ? null : lines.head(max);
    }

    @Override
    public RecordDecoder decoder() {
        return decoder;
    }

    @Override
    public boolean finished() {
        return complete && lines.exhausted();
    }

    @Override
    public void markComplete() {
        complete = true;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
