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

    public RawRecord(Position position, byte[] bytes) {
        this.position = Objects.requireNonNull(position, "position");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    public Position position() {
        return position;
    }

    /** The original bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    /** The bytes as UTF-8 text, malformed input replaced (for messages and dead letters, not for parsing). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return position + " (" + bytes.length + " bytes)";
    }
}
