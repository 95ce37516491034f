package io.github.schemafirst.connect.record;

import java.util.Objects;

/**
 * Where a raw record came from, in the form a person reads in an error message: {@code users.jsonl:17} for a line
 * of a file, {@code https://api.example.com/users?page=2#3} for the fourth record of an HTTP response.
 */
public final class Position {
    private final String source;
    private final long index;
    private final char separator;
    private final long byteOffset;

    private Position(String source, long index, char separator, long byteOffset) {
        this.source = Objects.requireNonNull(source, "source");
        this.index = index;
        this.separator = separator;
        this.byteOffset = byteOffset;
    }

    /** A record that starts on {@code line} (1-based) of the file {@code fileName}. */
    public static Position line(String fileName, long line) {
        return new Position(fileName, line, ':', -1);
    }

    /**
     * A record that starts on {@code line} (1-based) of the file {@code fileName}, at {@code byteOffset} (in the
     * decompressed stream of a compressed file).
     */
    public static Position line(String fileName, long line, long byteOffset) {
        return new Position(fileName, line, ':', byteOffset);
    }

    /** The {@code index}-th (0-based) record of the response to {@code url}. */
    public static Position item(String url, long index) {
        return new Position(url, index, '#', -1);
    }

    /** Where a file record's first byte is; -1 when unknown or not a file. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The file name or URL. */
    public String source() {
        return source;
    }

    /** The 1-based line for files, the 0-based index for HTTP responses. */
    public long index() {
        return index;
    }

    @Override
    public String toString() {
        return source + separator + index;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Position)) {
            return false;
        }
        Position other = (Position) o;
        return index == other.index && separator == other.separator && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, index, separator);
    }
}
