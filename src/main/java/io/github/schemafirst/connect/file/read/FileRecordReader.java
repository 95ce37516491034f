package io.github.schemafirst.connect.file.read;

import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the records of one file, from a {@link ReadPosition}, without ever holding the whole file in memory.
 * Knows nothing of schemas: it hands out the original bytes of each record with its position.
 */
public interface FileRecordReader extends Closeable {

    /**
     * @return the next complete record, or null when there is none yet: at end of file, or when the last record
     *     is not complete (a line with no terminator yet, an unclosed JSON array): call again later to see whether
     *     the file has grown
     * @throws IOException when the file cannot be read (deleted, unreadable, truncated below the position)
     */
    RawRecord next() throws IOException;

    /** Just past the last record returned by {@link #next()}: where a new reader resumes. */
    ReadPosition position();

    /**
     * A check of the file's bytes from the start of the last record returned to {@link #position()}; null when
     * there is none (no record yet, a compressed file, a record too large to keep).
     */
    ResumeCheck resumeCheck();

    /**
     * The file's first bytes (at most {@code max}) as this reader read them from disk, so the task need not open the
     * file again for its {@link HeadFingerprint}; null when the reader does not have them (it started later in the
     * file, moved on, or reads decompressed bytes).
     */
    default byte[] head(int max) {
        return null;
    }

    /**
     * The decoder for this file's records: JSON, a line of text, or a CSV row bound to this file's header and
     * typed by the value schema.
     */
    RecordDecoder decoder();

    /**
     * Whether the reader has seen the end of the data that can ever form records: true for a compressed file read
     * to its end or a JSON array whose closing bracket was read; false while a plain file may still grow.
     */
    boolean finished();

    /**
     * Tells the reader that no more bytes will be appended (the task saw the file unchanged for
     * {@code file.min.age.ms}): from now on an unterminated last line is a complete record, an unclosed JSON array
     * is an error rather than a reason to wait, and {@link #finished()} turns true once all data is read.
     * Compressed files are complete from the start. Calling it again has no further effect.
     */
    default void markComplete() {
    }
}
