package io.github.schemafirst.connect.file.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Streams the elements of a file holding one JSON array, never the whole file in memory. Each record's bytes are
 * the exact slice of the file from the element's first to its last byte; its position is the line it starts on.
 * A file whose root is a single JSON object is one record.
 *
 * <p>Resuming: the stored byte offset is just past an element. The reader seeks there, skips whitespace, and
 * expects {@code ,} (more elements follow: parsing goes on as if an array started right after the comma) or
 * {@code ]} (the array is done). So resuming costs a seek, not a re-parse of the file, and a growing file whose
 * array is not closed yet is re-read from the last complete element once more bytes arrive (the streaming parser
 * cannot continue after it has seen the end of its input).
 *
 * <p>Malformed JSON stops the file with a {@link MalformedFileException}: after a syntax error there is no
 * reliable way to find where the next element starts, so skipping one bad element is impossible. Invalid UTF-8
 * that the streaming parser refuses (a byte that cannot start a character, a missing continuation byte) is such an
 * error here, unlike in the line formats, where the bytes reach the decoder and only that record is invalid. What
 * the parser accepts although it is not UTF-8 (overlong forms, encoded surrogates) does reach the decoder, which
 * checks each element's slice before parsing it, so only that element is invalid.
 */
final class JsonArrayRecordReader implements FileRecordReader {
    private static final byte[] OPEN_ARRAY = {'['};

    private final JsonFactory json;
    private final String displayName;
    private final FileInput input;
    private final int maxRecordBytes;
    private final RecordDecoder decoder = new JsonRecordDecoder();

    private long offset;
    private long line;
    private long recordIndex;
    private boolean complete;
    private boolean finished;
    /** The last element read, whole, and where it starts: what {@link #resumeCheck()} covers. */
    private byte[] lastBytes;
    private long lastFrom;

    /** One parse from {@link #offset}; dropped whenever the parser hits the end of the data or an error. */
    private JsonParser parser;
    private RetainingInputStream retained;
    /** Absolute byte offset and line of the parser's offset 0 and line 1. */
    private long parserOffset;
    private long parserLine;
    private boolean rootIsObject;
    private JsonToken lookahead;

    JsonArrayRecordReader(String displayName, FileInput input, ReadPosition start, int maxRecordBytes) {
        this.displayName = displayName;
        this.input = input;
        this.maxRecordBytes = maxRecordBytes;
        // Strings inside an element are skipped, never built; a whole element that is one string is built once
        // (to find where it ends), so the size limit must hold for it too: longer, and the file cannot be read on.
        this.json = JsonFactory.builder()
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxRecordBytes).build())
                .build();
        this.offset = start.byteOffset();
        this.line = start.line();
        this.recordIndex = start.recordIndex();
        this.complete = input.isFinal();
    }

    @Override
    public RawRecord next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            if (parser == null && !startParsing()) {
                return null;
            }
            JsonToken token = lookahead != null ? lookahead : parser.nextToken();
            lookahead = null;
            if (token == JsonToken.END_ARRAY) {
                finished = true;
                stopParsing();
                return null;
            }
            JsonLocation start = parser.currentTokenLocation();
            long from = parserOffset + start.getByteOffset();
            long fromLine = parserLine + start.getLineNr() - 1;
            retained.keepFrom(from);
            boolean scalar = !token.isStructStart();
            if (scalar) {
                parser.finishToken();
            } else {
                parser.skipChildren();
            }
            JsonLocation end = parser.currentLocation();
            long to = parserOffset + end.getByteOffset();
            long toLine = parserLine + end.getLineNr() - 1;
            byte[] bytes = retained.slice(from, to);
            boolean tooLarge = retained.overflowed(); // before reading ahead, which keeps the next bytes too
            if (rootIsObject) {
                finished = true;
                stopParsing();
            } else if (!lookAhead(scalar)) {
                return null;
            }
            offset = to;
            line = toLine;
            recordIndex++;
            lastBytes = tooLarge ? null : bytes;
            lastFrom = from;
            if (tooLarge) {
                return RawRecord.rejected(Position.line(displayName, fromLine, from), bytes,
                        FileRecordReaders.tooLargeReason(to - from, maxRecordBytes));
            }
            return new RawRecord(Position.line(displayName, fromLine, from), bytes);
        } catch (JsonEOFException e) {
            stopParsing();
            if (complete) {
                throw new MalformedFileException(displayName + ":" + line + " (byte " + offset
                        + ") the file ends inside the JSON array", e);
            }
            return null;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * Reads the token after an element: a number at the very end of the data may still grow ({@code 12} then
     * {@code 3}), so a scalar only counts once something follows it.
     *
     * @return false when the element must be read again later
     */
    private boolean lookAhead(boolean scalar) throws IOException {
        try {
            lookahead = parser.nextToken();
            return true;
        } catch (JsonEOFException e) {
            stopParsing();
            return !scalar || complete;
        } catch (JsonProcessingException e) {
            // Hand out the element that is complete; the next call restarts after it and reports the error there.
            stopParsing();
            return true;
        }
    }

    /** @return false when there is nothing to parse yet, or nothing more ever */
    private boolean startParsing() throws IOException {
        retained = new RetainingInputStream(input.streamAt(offset), offset, maxRecordBytes);
        rootIsObject = false;
        if (offset == 0) {
            parser = json.createParser(retained);
            parserOffset = 0;
            parserLine = 1;
            JsonToken root = parser.nextToken();
            if (root == null) {
                stopParsing();
                finished = complete; // an empty file has no records
                return false;
            }
            if (root == JsonToken.START_OBJECT) {
                rootIsObject = true;
                lookahead = root;
            } else if (root != JsonToken.START_ARRAY) {
                stopParsing();
                throw new MalformedFileException(displayName + ":1 expected a JSON array or object, got " + root);
            }
            return true;
        }
        long skippedLines = 0;
        int b;
        while ((b = retained.read()) == ' ' || b == '\t' || b == '\r' || b == '\n') {
            if (b == '\n') {
                skippedLines++;
            }
        }
        if (b == ',') {
            // Parse the rest as an array that starts right after the comma: "[" + remaining elements + "]".
            parserOffset = retained.offset() - OPEN_ARRAY.length;
            parserLine = line + skippedLines;
            InputStream rest = new SequenceInputStream(new ByteArrayInputStream(OPEN_ARRAY), retained);
            parser = json.createParser(rest);
            parser.nextToken();
            return true;
        }
        long at = retained.offset() - 1;
        stopParsing();
        if (b == ']') {
            finished = true;
            return false;
        }
        if (b < 0) {
            if (!complete) {
                return false;
            }
            if (rootIsSingleObject()) {
                finished = true;
                return false;
            }
            throw new MalformedFileException(displayName + ":" + line + " (byte " + offset
                    + ") the file ends inside the JSON array");
        }
        throw new MalformedFileException(displayName + ":" + (line + skippedLines) + " (byte " + at + ") "
                + (rootIsSingleObject() ? "unexpected data after the JSON object"
                        : "expected ',' or ']' after an array element, got '" + (char) b + "'"));
    }

    /** Whether the file's first JSON token (after a byte order mark and whitespace) opens an object. */
    private boolean rootIsSingleObject() throws IOException {
        InputStream in = input.streamAt(0);
        int b = in.read();
        if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
            b = in.read();
        }
        while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
            b = in.read();
        }
        return b == '{';
    }

    private MalformedFileException malformed(JsonProcessingException e) throws IOException {
        JsonLocation at = e.getLocation();
        // without a location (a size constraint), the place is where the unreadable element starts
        String where = at == null ? displayName + ":" + line + " (byte " + offset + ")"
                : displayName + ":" + (parserLine + at.getLineNr() - 1) + " (byte "
                        + (parserOffset + at.getByteOffset()) + ")";
        stopParsing();
        // Jackson adds where the array started, with a redacted source description: noise to a reader
        String detail = e.getOriginalMessage();
        int context = detail == null ? -1 : detail.indexOf(" (for ");
        return new MalformedFileException(where + " malformed JSON: "
                + (context > 0 ? detail.substring(0, context) : detail), e);
    }

    private void stopParsing() throws IOException {
        if (parser != null) {
            parser.close();
        }
        parser = null;
        retained = null;
        lookahead = null;
    }

    @Override
    public ReadPosition position() {
        return new ReadPosition(offset, line, recordIndex);
    }

    @Override
    public ResumeCheck resumeCheck() {
        // the element's bytes end exactly at the position; compressed files count decompressed bytes
        return lastBytes == null || input.isFinal() ? null : ResumeCheck.of(lastFrom, lastBytes, 0, lastBytes.length);
    }

    @Override
    public RecordDecoder decoder() {
        return decoder;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void markComplete() {
        complete = true;
    }

    @Override
    public void close() throws IOException {
        try {
            stopParsing();
        } finally {
            input.close();
        }
    }
}
