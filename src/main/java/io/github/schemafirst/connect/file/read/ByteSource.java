package io.github.schemafirst.connect.file.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The stored bytes of one file or object, as readers see them: a stream from any byte offset, restartable. A local
 * file is one open channel that seeks; an object in S3 is a ranged GET per stream. Decompression is not its job:
 * {@link FileInput} does it on top, the same for every storage.
 */
public interface ByteSource extends Closeable {
    /**
     * A stream of the bytes from {@code offset} on; the previous stream of this source is closed (for an object,
     * aborted rather than drained).
     *
     * @throws TruncatedFileException when the source is shorter than {@code offset}
     */
    InputStream streamAt(long offset) throws IOException;

    /** How many bytes the source holds now. */
    long size() throws IOException;
}
