package io.github.schemafirst.connect.file.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The byte-accurate core of the line-oriented formats: splits a stream into records ending in LF or CRLF (as
 * decided by a {@link RecordBoundary}), keeping the exact byte offset and line number after each one.
 *
 * <p>Rules: the terminator (LF, or CR LF) is not part of the record; a CR anywhere else is data. A record with no
 * terminator yet is only returned when the caller says the input is complete. A UTF-8 byte order mark at offset 0
 * is not part of the first record, though it counts in the offsets. A record longer than {@code maxRecordBytes}
 * is handed out as too large ({@link #recordTooLarge()}, with only its first {@value #TOO_LARGE_PREFIX} bytes),
 * its bytes discarded as they arrive: the buffer grows to hold one record of the limit, never more, and reading
 * goes on after it.
 *
 * <p>Not thread-safe. The buffer is scanned in place; a record's bytes are copied out only when asked for.
 */
final class LineReader implements Closeable {
    private static final int INITIAL_BUFFER = 64 * 1024;
    /** The smallest buffer a reader starts with, for a file of a few bytes (it grows as the file does). */
    private static final int MIN_BUFFER = 256;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** How much of a too-large record is kept, to show in an error or a dead letter. */
    static final int TOO_LARGE_PREFIX = 1024;

    private final String displayName;
    private final InputStream in;
    private final RecordBoundary boundary;
    private final int maxRecordBytes;
    /** Reused for every record's {@link #recordCheck()}. */
    private final CRC32C crc = new CRC32C();

    private byte[] buf;
    /** First byte of the record being looked for. */
    private int start;
    /** Next byte the boundary has not seen yet. */
    private int scan;
    /** End of the valid bytes in {@code buf}. */
    private int limit;
    /** Absolute offset (in the file or the decompressed stream) of {@code buf[start]}. */
    private long startOffset;
    /** Line number of {@code buf[start]}. */
    private long startLine;
    private boolean bomChecked;
    /** Started at offset 0 and never compacted: {@code buf} begins with the input's first bytes. */
    private boolean holdsHead;
    /** The last read hit the end of the data (which a growing file may move later). */
    private boolean atEnd;

    private int recordFrom;
    private int recordTo;
    private long recordLine;
    private long recordOffset;

    /** The record being read is over the limit: its bytes so far were discarded, but for this prefix. */
    private byte[] tooLargePrefix;
    private long tooLargeLength;
    private long tooLargeLine;
    private long tooLargeOffset;
    /** The current (handed-out) record was too large: its length and prefix. */
    private byte[] recordPrefix;
    private long recordLength;

    LineReader(String displayName, InputStream in, RecordBoundary boundary, long offset, long line,
            int maxRecordBytes) {
        this(displayName, in, boundary, offset, line, maxRecordBytes, -1);
    }

    /**
     * @param bytesLeft how many bytes the input holds from {@code offset} now, or -1 when unknown: a small file
     *     gets a buffer of its size instead of {@value #INITIAL_BUFFER} bytes (the buffer grows if the file does)
     */
    LineReader(String displayName, InputStream in, RecordBoundary boundary, long offset, long line,
            int maxRecordBytes, long bytesLeft) {
        this.displayName = displayName;
        this.in = in;
        this.boundary = boundary;
        this.maxRecordBytes = maxRecordBytes;
        this.buf = new byte[initialBuffer(bytesLeft, maxRecordBytes)];
        this.startOffset = offset;
        this.startLine = line;
        this.bomChecked = offset != 0;
        this.holdsHead = offset == 0;
    }

    /** Room for every byte left and the end-of-file read after them, but no more than the usual buffer. */
    static int initialBuffer(long bytesLeft, int maxRecordBytes) {
        long wanted = bytesLeft < 0 ? INITIAL_BUFFER : Math.max(MIN_BUFFER, bytesLeft + 1);
        return (int) Math.min(Math.min(wanted, INITIAL_BUFFER), (long) maxRecordBytes + 2);
    }

    /**
     * Moves to the next record.
     *
     * @param takeUnterminated whether bytes after the last terminator, at the end of the data, form a record
     * @return true with the record available through {@link #recordBytes()} and friends, or false when there is
     *     no complete record yet
     */
    boolean advance(boolean takeUnterminated) throws IOException {
        if (!bomChecked && !skipByteOrderMark(takeUnterminated)) {
            return false;
        }
        while (true) {
            int end = boundary.findEnd(buf, scan, limit);
            if (end >= 0) {
                int to = end > start && buf[end - 1] == '\r' ? end - 1 : end;
                take(to, end + 1);
                return true;
            }
            scan = limit;
            // A trailing CR may be the first half of the terminator: it does not count yet.
            if (limit - start - (limit > start && buf[limit - 1] == '\r' ? 1 : 0) > maxRecordBytes) {
                discard();
            }
            if (fill() < 0) {
                if (takeUnterminated && (limit > start || tooLargePrefix != null)) {
                    // A trailing CR is the first half of a CRLF the writer never finished.
                    int to = limit > start && buf[limit - 1] == '\r' ? limit - 1 : limit;
                    take(to, limit);
                    return true;
                }
                return false;
            }
        }
    }

    /**
     * The record being read is over the limit: keep its first bytes and where it started, drop every byte scanned
     * so far (the boundary has seen them all), and go on looking for its end.
     */
    private void discard() {
        if (tooLargePrefix == null) {
            tooLargePrefix = Arrays.copyOfRange(buf, start, start + Math.min(TOO_LARGE_PREFIX, limit - start));
            tooLargeLine = startLine;
            tooLargeOffset = startOffset;
        }
        tooLargeLength += limit - start;
        if (boundary.spansLines()) {
            startLine += countLineFeeds(start, limit);
        }
        startOffset += limit - start;
        start = limit;
    }

    private void take(int recordEnd, int next) {
        recordFrom = start;
        recordTo = recordEnd;
        recordLine = startLine;
        recordOffset = startOffset;
        recordPrefix = null;
        if (tooLargePrefix != null || recordEnd - start > maxRecordBytes) {
            recordPrefix = tooLargePrefix != null ? tooLargePrefix
                    : Arrays.copyOfRange(buf, start, start + TOO_LARGE_PREFIX);
            recordLength = tooLargeLength + (recordEnd - start);
            if (tooLargePrefix != null) {
                recordLine = tooLargeLine;
                recordOffset = tooLargeOffset;
            }
            tooLargePrefix = null;
            tooLargeLength = 0;
        }
        if (boundary.spansLines()) {
            startLine += countLineFeeds(start, next);
        } else if (buf[next - 1] == '\n') {
            startLine++; // an unterminated last record does not end its line
        }
        startOffset += next - start;
        start = next;
        scan = next;
        boundary.reset();
    }

    private int countLineFeeds(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** @return false when too few bytes have arrived to tell whether the file starts with a byte order mark */
    private boolean skipByteOrderMark(boolean takeUnterminated) throws IOException {
        while (limit - start < BOM.length) {
            if (!isBomPrefix(limit - start)) {
                bomChecked = true;
                return true;
            }
            if (fill() < 0) {
                if (takeUnterminated) {
                    bomChecked = true; // a lone EF or EF BB at the very end is data, not a byte order mark
                    return true;
                }
                return false;
            }
        }
        bomChecked = true;
        if (isBomPrefix(BOM.length)) {
            start += BOM.length;
            scan = start;
            startOffset += BOM.length;
        }
        return true;
    }

    private boolean isBomPrefix(int length) {
        for (int i = 0; i < length; i++) {
            if (buf[start + i] != BOM[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads once into the free end of the buffer, compacting or growing it first. @return bytes read or -1 */
    private int fill() throws IOException {
        if (limit == buf.length) {
            if (start > 0) {
                holdsHead = false;
                System.arraycopy(buf, start, buf, 0, limit - start);
                limit -= start;
                scan -= start;
                start = 0;
            }
            int usual = (int) Math.min(INITIAL_BUFFER, (long) maxRecordBytes + 2);
            if (limit == buf.length) {
                // Room for one maximal record plus CR LF, so the size check above fires before the cap matters.
                int capacity = (int) Math.min((long) maxRecordBytes + 2, 2L * buf.length);
                if (capacity <= buf.length) {
                    capacity = buf.length + 1;
                }
                buf = Arrays.copyOf(buf, capacity);
            } else if (buf.length < usual) {
                // sized to a small file that has grown since: read it in the usual chunks again
                buf = Arrays.copyOf(buf, Math.min(usual, 2 * buf.length));
            }
        }
        int n = in.read(buf, limit, buf.length - limit);
        atEnd = n < 0;
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /**
     * A copy of the input's first bytes as they were read, at most {@code max}: all that was read of them; null
     * when this reader did not start at offset 0 or no longer holds them.
     */
    byte[] head(int max) {
        return holdsHead ? Arrays.copyOf(buf, Math.min(max, limit)) : null;
    }

    /** A copy of the current record's bytes, without terminator; only the first ones of a too large record. */
    byte[] recordBytes() {
        return recordPrefix != null ? recordPrefix : Arrays.copyOfRange(buf, recordFrom, recordTo);
    }

    /** A check of the current record's bytes with their terminator (null for a too large record). */
    ResumeCheck recordCheck() {
        if (recordPrefix != null) {
            return null;
        }
        return ResumeCheck.of(crc, startOffset - (start - recordFrom), buf, recordFrom, start - recordFrom);
    }

    /** Whether the current record is longer than the limit: {@link #recordBytes()} holds only its start. */
    boolean recordTooLarge() {
        return recordPrefix != null;
    }

    /** The length of the current record in bytes, without terminator. */
    long recordLength() {
        return recordPrefix != null ? recordLength : recordTo - recordFrom;
    }

    /** Whether the current record is empty or only spaces, tabs and CRs. */
    boolean recordIsBlank() {
        if (recordPrefix != null) {
            return false;
        }
        for (int i = recordFrom; i < recordTo; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** The byte offset of the current record's first byte. */
    long recordOffset() {
        return recordOffset;
    }

    /** The line the current record starts on. */
    long recordLine() {
        return recordLine;
    }

    /** Offset just past the current record's terminator: where the next record starts. */
    long offset() {
        return startOffset;
    }

    /** The line the next record starts on. */
    long line() {
        return startLine;
    }

    /** Whether the last read found no more data and every byte read has been handed out. */
    boolean exhausted() {
        return atEnd && start == limit;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
