package io.github.schemafirst.connect.file.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file's bytes through one channel kept open for the reader's life, so a file deleted while being read can
 * still be read to its end (POSIX semantics). A stream that reaches the end checks whether the file became shorter
 * than what was read: that is a truncation, not an end of file.
 */
public final class FileChannelSource implements ByteSource {
    private final String displayName;
    private final FileChannel channel;

    private FileChannelSource(String displayName, FileChannel channel) {
        this.displayName = displayName;
        this.channel = channel;
    }

    public static FileChannelSource open(Path file, String displayName) throws IOException {
        return new FileChannelSource(displayName, FileChannel.open(file, StandardOpenOption.READ));
    }

    @Override
    public InputStream streamAt(long offset) throws IOException {
        long size = channel.size();
        if (size < offset) {
            throw new TruncatedFileException(displayName + " was truncated: file is " + size
                    + " bytes, resume position is " + offset);
        }
        channel.position(offset);
        return new ChannelStream();
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

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
            // The channel belongs to the source: a restarted stream reuses it.
        }
    }
}
