package io.github.schemafirst.connect.file.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A buffered stream that keeps every byte from a chosen offset on, so the exact bytes of a JSON array element can
 * be sliced out after a streaming parser (which reads ahead) has found where the element ends. Bytes before the
 * kept offset are dropped as the buffer fills; the buffer grows only while one element is longer than it, and
 * never past {@code maxRetained}: the bytes of a longer element are dropped as they are read, but for its first
 * {@value LineReader#TOO_LARGE_PREFIX} ({@link #overflowed()}).
 */
final class RetainingInputStream extends InputStream {
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxRetained;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    /** Absolute offset of {@code buf[0]}. */
    private long bufOffset;
    private long keepFrom;
    /** The first bytes of the element kept since {@link #keepFrom}, once it grew over the limit; null before. */
    private byte[] overflowPrefix;

    RetainingInputStream(InputStream in, long offset, int maxRetained) {
        this.in = in;
        this.maxRetained = maxRetained;
        this.bufOffset = offset;
        this.keepFrom = offset;
    }

    /** Absolute offset of the next byte {@link #read()} returns. */
    long offset() {
        return bufOffset + pos;
    }

    /** Bytes before {@code offset} will not be sliced any more. */
    void keepFrom(long offset) {
        if (offset < bufOffset) {
            throw new IllegalStateException("offset " + offset + " already dropped (kept from " + bufOffset + ")");
        }
        keepFrom = offset;
        overflowPrefix = null;
    }

    /** Whether the element kept since {@link #keepFrom} is longer than the limit: it cannot be sliced whole. */
    boolean overflowed() {
        return overflowPrefix != null;
    }

    /**
     * A copy of the bytes {@code [from, to)}; they must have been read and kept. After an {@link #overflowed()
     * overflow} only the element's first bytes are left, and those are returned.
     */
    byte[] slice(long from, long to) {
        if (overflowPrefix != null) {
            return overflowPrefix.clone();
        }
        if (from < bufOffset || to > bufOffset + limit || from > to) {
            throw new IllegalStateException("bytes " + from + ".." + to + " not retained (have " + bufOffset + ".."
                    + (bufOffset + limit) + ")");
        }
        return Arrays.copyOfRange(buf, (int) (from - bufOffset), (int) (to - bufOffset));
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && fill() < 0) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit && fill() < 0) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private int fill() throws IOException {
        if (limit == buf.length) {
            if (overflowPrefix != null) {
                keepFrom = bufOffset + pos; // the element is too long to slice: nothing of it is kept any more
            }
            int drop = (int) Math.min(keepFrom - bufOffset, pos);
            if (drop > 0) {
                System.arraycopy(buf, drop, buf, 0, limit - drop);
                limit -= drop;
                pos -= drop;
                bufOffset += drop;
            }
            if (limit == buf.length) {
                int kept = (int) (keepFrom - bufOffset);
                if (limit - kept > maxRetained) {
                    overflowPrefix = Arrays.copyOfRange(buf, kept, kept + LineReader.TOO_LARGE_PREFIX);
                    System.arraycopy(buf, pos, buf, 0, limit - pos);
                    limit -= pos;
                    bufOffset += pos;
                    pos = 0;
                    keepFrom = bufOffset;
                } else {
                    // room for the longest element the limit allows, never more
                    long capacity = Math.max(buf.length + 1L, Math.min(2L * buf.length, maxRetained + 1L));
                    buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8L, capacity));
                }
            }
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
