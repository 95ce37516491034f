package io.github.schemafirst.connect.record;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record exactly as a reader found it: the original bytes (without line terminator) and where they came from.
 * Readers know nothing of schemas; decoding and mapping happen downstream.
 */
public final class RawRecord {
    private final Position position;
    private final byte[] bytes;
    private final String rejection;

    public RawRecord(Position position, byte[] bytes) {
        this(position, bytes, null);
    }

    private RawRecord(Position position, byte[] bytes, String rejection) {
        this.position = Objects.requireNonNull(position, "position");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.rejection = rejection;
    }

    /**
     * A record the reader could only partly keep (longer than its size limit): invalid whatever it holds, so it
     * goes through the invalid-record policy with {@code reason}, and {@code firstBytes} stand for it in a dead
     * letter.
     */
    public static RawRecord rejected(Position position, byte[] firstBytes, String reason) {
        return new RawRecord(position, firstBytes, Objects.requireNonNull(reason, "reason"));
    }

    /** Why the reader already rejected this record; null for a record to decode. */
    public InvalidRecordException rejection() {
        return rejection == null ? null : new InvalidRecordException(position, "/", rejection);
    }

    public Position position() {
        return position;
    }

    /** The original bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    /** The bytes as UTF-8 text, malformed input replaced: for display only, never for data. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Checks that the bytes are UTF-8 text, strictly (see {@link StrictUtf8}), without decoding them: for parsers
     * that read the bytes themselves, like Jackson's, which accepts some bytes that are not UTF-8.
     *
     * @throws InvalidRecordException naming the first byte that is not, e.g. {@code expected UTF-8 text, got invalid
     *     UTF-8 bytes (overlong encoding) at byte 7}
     */
    public void requireUtf8() throws InvalidRecordException {
        String problem = StrictUtf8.problem(bytes, 0, bytes.length);
        if (problem != null) {
            throw new InvalidRecordException(position, "/", "expected UTF-8 text, got " + problem);
        }
    }

    /**
     * The bytes as UTF-8 text, strictly: bytes that are not valid UTF-8 make the record invalid, they are never
     * replaced (a replacement character would silently change the data).
     */
    public String utf8Text() throws InvalidRecordException {
        requireUtf8();
        return new String(bytes, StandardCharsets.UTF_8); // nothing left for it to replace
    }

    @Override
    public String toString() {
        return position + " (" + bytes.length + " bytes)";
    }
}
