package io.github.schemafirst.connect.file.read;

import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A checksum of the bytes just before a resume position: from the first byte of the last record read to the
 * position ({@code check.from}, {@code check.crc}). {@link HeadFingerprint} only covers a file's first KiB, and a
 * new file that reuses a deleted file's inode often starts with the same bytes (a CSV header, a sorted export):
 * the bytes right before the stored position tell it apart, and they are cheap to check (one short read).
 * CRC32C rather than a cryptographic hash because it is taken for every record (the JDK computes it with a CPU
 * instruction) and only has to catch accidents, not attacks.
 */
public final class ResumeCheck {
    private final long from;
    private final long crc;

    public ResumeCheck(long from, long crc) {
        if (from < 0) {
            throw new IllegalArgumentException("check.from must not be negative, got " + from);
        }
        this.from = from;
        this.crc = crc;
    }

    /** The check of {@code buf[offset, offset + length)}, which stand at {@code from} in the file. */
    static ResumeCheck of(long from, byte[] buf, int offset, int length) {
        return of(new CRC32C(), from, buf, offset, length);
    }

    /** The same, with a reader's own {@code sum} (reset first) instead of a new one for each record. */
    static ResumeCheck of(CRC32C sum, long from, byte[] buf, int offset, int length) {
        sum.reset();
        sum.update(buf, offset, length);
        return new ResumeCheck(from, sum.getValue());
    }

    public long from() {
        return from;
    }

    public long crc() {
        return crc;
    }

    /** How many bytes {@link #matches} needs: those from {@link #from()} to {@code position}; -1 when none can match. */
    public int lengthTo(long position) {
        long length = position - from;
        return length < 0 || length > Integer.MAX_VALUE ? -1 : (int) length;
    }

    /**
     * Whether {@code bytes}, read from {@link #from()} up to a resume position (see {@link #lengthTo}), are still
     * those this check was taken over (a plain file: positions in compressed files count decompressed bytes and are
     * not checked this way).
     */
    public boolean matches(byte[] bytes) {
        return of(from, bytes, 0, bytes.length).equals(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResumeCheck)) {
            return false;
        }
        ResumeCheck other = (ResumeCheck) o;
        return from == other.from && crc == other.crc;
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, crc);
    }

    @Override
    public String toString() {
        return "crc32c " + Long.toHexString(crc) + " of the bytes from " + from;
    }
}
