package io.github.schemafirst.connect.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * One open file as a stream of (decompressed) bytes that can be restarted at any offset. The channel stays open
 * for the reader's life, so a file deleted while being read can still be read to its end (POSIX semantics).
 * Plain files seek; {@code .gz} files are decompressed from the start and skipped forward, since gzip offers no
 * random access.
 */
final class FileInput implements Closeable {
    private static final int GZIP_BUFFER = 64 * 1024;

    private final String displayName;
    private final FileChannel channel;
    private final boolean gzip;
    private InputStream current;

    private FileInput(String displayName, FileChannel channel, boolean gzip) {
        this.displayName = displayName;
        this.channel = channel;
        this.gzip = gzip;
    }

    static FileInput open(Path file, String displayName) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new FileInput(displayName, channel, isCompressed(file));
    }

    /**
     * Whether the file is read decompressed ({@code .gz}): its positions then count decompressed bytes, which
     * cannot be compared with its size on disk.
     */
    static boolean isCompressed(Path file) {
        return file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** How many bytes a stream from {@code offset} holds now; -1 when unknown (a {@code .gz} file). */
    long bytesFrom(long offset) throws IOException {
        return gzip ? -1 : Math.max(0, channel.size() - offset);
    }

    /** Whether the stream can never grow: a compressed file is only read once it is complete. */
    boolean isFinal() {
        return gzip;
    }

    /**
     * A stream of the file's bytes from {@code offset} (decompressed for {@code .gz}); the previous stream of this
     * input is closed.
     *
     * @throws TruncatedFileException when the file is shorter than {@code offset}
     */
    InputStream streamAt(long offset) throws IOException {
        closeCurrent();
        if (!gzip) {
            long size = channel.size();
            if (size < offset) {
                throw new TruncatedFileException(displayName + " was truncated: file is " + size
                        + " bytes, resume position is " + offset);
            }
            channel.position(offset);
            current = new ChannelStream();
            return current;
        }
        channel.position(0);
        GZIPInputStream unzipped = new GZIPInputStream(new ChannelStream(), GZIP_BUFFER);
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
            current.close(); // releases a GZIPInputStream's native inflater; the channel itself stays open
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeCurrent();
        } finally {
            channel.close();
        }
    }

    /**
     * Reads the channel from its current position. At end of data it checks whether the file has become shorter
     * than what was read: that is a truncation, not an end of file.
     */
    private final class ChannelStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, len));
            if (n < 0) {
                long size = channel.size();
                long position = channel.position();
                if (size < position) {
                    throw new TruncatedFileException(displayName + " was truncated: file is " + size
                            + " bytes, read position is " + position);
                }
            }
            return n;
        }

        @Override
        public void close() {
            // The channel belongs to FileInput: a restarted stream reuses it.
        }
    }
}
