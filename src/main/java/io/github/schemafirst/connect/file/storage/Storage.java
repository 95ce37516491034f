package io.github.schemafirst.connect.file.storage;

import io.github.schemafirst.connect.file.read.ByteSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a file task's files live: a local (or mounted) directory, or a bucket prefix. The task tracks, reads,
 * resumes and completes files through this seam only, so readers, offsets and policies are the same for every
 * storage. Used by one thread at a time, except {@link #abort()}.
 */
public interface Storage extends Closeable {
    /** The directory or {@code s3://bucket/prefix/} listed, for logs. */
    String root();

    /**
     * Lists (the next part of) the files that may hold records.
     *
     * @throws StorageAccessException when the storage refuses the task for good (the task fails)
     * @throws IOException when the directory or bucket cannot be listed now (the task tries again later)
     */
    Listing list() throws IOException;

    /**
     * Whether a stored file never changes in place (objects: a write is a new version with a new ETag): the task
     * then neither stats it before each read nor waits for it to settle.
     */
    boolean immutable();

    /** The file as it is now; throws {@link java.nio.file.NoSuchFileException} when it is gone. */
    StoredFile refresh(StoredFile file) throws IOException;

    /** Opens the file's bytes; throws {@link java.nio.file.NoSuchFileException} when it is gone. */
    ByteSource open(StoredFile file) throws IOException;

    /** Reads up to {@code length} bytes from {@code from}; fewer at the file's end. */
    byte[] read(StoredFile file, long from, int length) throws IOException;

    /** Runs {@code file.completed.action}. */
    Completion completion();

    /** Moves broken files into {@code file.error.dir}; empty when it is not set. */
    Optional<Completion> errors();

    /** Requests sent to the storage so far (retries included); 0 for a local directory. */
    default long requests() {
        return 0;
    }

    /** Responses that asked to slow down (throttling) so far. */
    default long throttles() {
        return 0;
    }

    /** Unblocks reads in progress (a GET that hangs) so that a stopping task's poll returns; safe from any thread. */
    void abort();
}
