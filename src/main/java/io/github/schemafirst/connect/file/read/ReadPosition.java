package io.github.schemafirst.connect.file.read;

/**
 * Where reading a file resumes: the byte offset just past the last record handed out (in the decompressed stream
 * for {@code .gz} files), the 1-based line the next record starts on, and how many records precede it. Stored in
 * the Connect source offset so a restarted task continues exactly after the last committed record.
 */
public final class ReadPosition {
    public static final ReadPosition START = new ReadPosition(0L, 1L, 0L);

    private final long byteOffset;
    private final long line;
    private final long recordIndex;

    public ReadPosition(long byteOffset, long line, long recordIndex) {
        if (byteOffset < 0 || line < 1 || recordIndex < 0) {
            throw new IllegalArgumentException("invalid read position " + byteOffset + "/" + line + "/" + recordIndex);
        }
        this.byteOffset = byteOffset;
        this.line = line;
        this.recordIndex = recordIndex;
    }

    public long byteOffset() {
        return byteOffset;
    }

    /** The 1-based line number the next record starts on. */
    public long line() {
        return line;
    }

    /** How many records (header rows not counted) come before the next one. */
    public long recordIndex() {
        return recordIndex;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReadPosition)) {
            return false;
        }
        ReadPosition other = (ReadPosition) o;
        return byteOffset == other.byteOffset && line == other.line && recordIndex == other.recordIndex;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(byteOffset) * 31 + Long.hashCode(line);
    }

    @Override
    public String toString() {
        return "byte " + byteOffset + ", line " + line + ", record " + recordIndex;
    }
}
