package io.github.schemafirst.connect.file.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * One open file or object as a stream of (decompressed) bytes that can be restarted at any offset. Plain sources
 * seek; {@code .gz} ones are decompressed from the start and skipped forward, since gzip offers no random access.
 */
public final class FileInput implements Closeable {
    private static final int GZIP_BUFFER = 64 * 1024;

    private final String displayName;
    private final ByteSource source;
    private final boolean gzip;
    private InputStream current;

    FileInput(String displayName, ByteSource source, boolean gzip) {
        this.displayName = displayName;
        this.source = source;
        this.gzip = gzip;
    }

    /**
     * Whether a file or object of this name is read decompressed ({@code .gz}): its positions then count
     * decompressed bytes, which cannot be compared with its stored size.
     */
    public static boolean isCompressed(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** How many bytes a stream from {@code offset} holds now; -1 when unknown (a {@code .gz} file). */
    long bytesFrom(long offset) throws IOException {
        return gzip ? -1 : Math.max(0, source.size() - offset);
    }

    /** Whether the stream can never grow: a compressed file is only read once it is complete. */
    boolean isFinal() {
        return gzip;
    }

    /**
     * A stream of the bytes from {@code offset} (decompressed for {@code .gz}); the previous stream of this input is
     * closed.
     *
     * @throws TruncatedFileException when the source is shorter than {@code offset}
     */
    InputStream streamAt(long offset) throws IOException {
        closeCurrent();
        if (!gzip) {
            current = source.streamAt(offset);
            return current;
        }
        GZIPInputStream unzipped = new GZIPInputStream(source.streamAt(0), GZIP_BUFFER);
        current = unzipped;
        long skipped = skipFully(unzipped, offset);
        if (skipped < offset) {
            throw new TruncatedFileException(displayName + " was truncated: file is " + skipped
                    + " bytes (decompressed), resume position is " + offset);
        }
        return unzipped;
    }

    private static long skipFully(InputStream in, long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(GZIP_BUFFER, Math.max(1, count))];
        long done = 0;
        while (done < count) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, count - done));
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close(); // releases a GZIPInputStream's native inflater (an object's GET is aborted)
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeCurrent();
        } finally {
            source.close();
        }
    }
}
