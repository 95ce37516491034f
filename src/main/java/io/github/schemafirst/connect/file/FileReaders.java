package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import io.github.schemafirst.connect.record.TextRecordDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.apache.kafka.connect.data.Schema;

/**
 * PLACEHOLDER (replaced by the filereader branch): a minimal line reader for jsonl and lines, enough to test the
 * connector. Lines end with \n; an unterminated last line becomes a record only after markComplete().
 */
public final class FileReaders {
    private FileReaders() {
    }

    public static FileRecordReader open(Path file, String displayName, FileFormat format, CsvOptions csv,
                                        Schema valueSchema, ReadPosition start) throws IOException {
        if (format != FileFormat.JSONL && format != FileFormat.LINES) {
            throw new UnsupportedOperationException("placeholder reader: " + format);
        }
        return new LineReader(file, displayName, format == FileFormat.JSONL ? new JsonRecordDecoder()
                : new TextRecordDecoder(), start);
    }

    private static final class LineReader implements FileRecordReader {
        private final FileChannel channel;
        private final String name;
        private final RecordDecoder decoder;
        private final ByteBuffer buffer = ByteBuffer.allocate(8192);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private long readOffset;
        private ReadPosition position;
        private boolean complete;

        LineReader(Path file, String name, RecordDecoder decoder, ReadPosition start) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            if (channel.size() < start.byteOffset()) {
                channel.close();
                throw new IOException(file + " is shorter than the position " + start);
            }
            this.name = name;
            this.decoder = decoder;
            this.position = start;
            this.readOffset = start.byteOffset();
            buffer.flip();
        }

        @Override
        public RawRecord next() throws IOException {
            while (true) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        byte[] line = pending.toByteArray();
                        pending.reset();
                        long consumed = readOffset - buffer.remaining();
                        RawRecord record = emit(line, consumed);
                        if (record != null) {
                            return record;
                        }
                    } else {
                        pending.write(b);
                    }
                }
                buffer.clear();
                int n = channel.read(buffer, readOffset);
                buffer.flip();
                if (n <= 0) {
                    if (complete && pending.size() > 0) {
                        byte[] line = pending.toByteArray();
                        pending.reset();
                        return emit(line, readOffset);
                    }
                    return null;
                }
                readOffset += n;
            }
        }

        private RawRecord emit(byte[] line, long end) {
            if (line.length > 0 && line[line.length - 1] == '\r') {
                line = Arrays.copyOf(line, line.length - 1);
            }
            long lineNumber = position.line();
            boolean blank = line.length == 0 && decoder instanceof JsonRecordDecoder;
            position = new ReadPosition(end, lineNumber + 1, position.recordIndex() + (blank ? 0 : 1));
            return blank ? null : new RawRecord(Position.line(name, lineNumber), line);
        }

        @Override
        public ReadPosition position() {
            return position;
        }

        @Override
        public RecordDecoder decoder() {
            return decoder;
        }

        @Override
        public boolean finished() {
            return false;
        }

        @Override
        public void markComplete() {
            complete = true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
