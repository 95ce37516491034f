package io.github.schemafirst.connect.it;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Confluent's framing of a serialized value: magic byte {@code 0}, the 4-byte big-endian schema id, the payload.
 */
public final class ConfluentWireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** The schema id in {@code bytes}; fails when they are not in the wire format. */
    public static int schemaId(byte[] bytes) {
        checkFramed(bytes);
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** The bytes after the 5-byte header. */
    public static byte[] payload(byte[] bytes) {
        checkFramed(bytes);
        return Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length);
    }

    /** Frames {@code payload} with the header for {@code schemaId}. */
    public static byte[] frame(int schemaId, byte[] payload) {
        return ByteBuffer.allocate(HEADER_LENGTH + payload.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(payload)
                .array();
    }

    private static void checkFramed(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("not in Confluent wire format: "
                    + (bytes == null ? "null" : bytes.length + " bytes") + ", expected at least " + HEADER_LENGTH);
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException("not in Confluent wire format: magic byte " + bytes[0] + ", expected 0");
        }
    }
}
