package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.file.read.ResumeCheck;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moves of a {@link TrackedFile} between its stages that listing, reading and completion all make: read again
 * from the start, read on after a late change, settle at its end; and the check that tells whether a file still
 * holds the bytes an offset was taken over.
 */
final class FileStages {
    private static final Logger log = LoggerFactory.getLogger(FileStages.class);

    private final FileSourceConfig config;
    private final Storage storage;
    private final CompletionAction action;

    FileStages(FileSourceConfig config, Storage storage) {
        this.config = config;
        this.storage = storage;
        this.action = storage.completion().action();
    }

    /** Reads the file again from its start: it holds other bytes than those read. */
    void restart(TrackedFile tracked) {
        tracked.restart();
        tracked.markedComplete = storage.immutable();
    }

    void readOnAfterChange(TrackedFile tracked) {
        log.warn("{} changed after it was read to its end and before it was {}d: reading on instead. Raise "
                + "file.min.age.ms above the pauses of its writer", tracked, action.configValue());
        tracked.stage = TrackedFile.Stage.READING;
        tracked.markedComplete = false;
    }

    /**
     * A file at its end and idle for {@code file.min.age.ms} is settled: its reader is told no more bytes will come
     * (so an unterminated last line is read), and then, with move/delete, it waits for its commit. With action
     * none and min age 0 a file never settles: an unterminated line may be a write in progress.
     */
    void settle(TrackedFile tracked, long modifiedMillis, long now) {
        boolean finishes = action != CompletionAction.NONE;
        if (!tracked.markedComplete) {
            boolean mayMark = finishes || config.minAge().toMillis() > 0 || storage.immutable();
            if (!mayMark || now - modifiedMillis < config.minAge().toMillis()) {
                return;
            }
            tracked.markedComplete = true;
            tracked.stage = TrackedFile.Stage.READING; // read the last line, if unterminated
            if (tracked.reader() != null) {
                tracked.reader().markComplete();
            } // else the reader opened next is told at once (see open)
            return;
        }
        if (finishes) {
            tracked.closeReader();
            tracked.stage = TrackedFile.Stage.COMPLETING;
            log.debug("{} read to its end ({} records emitted by this task); completing it once committed", tracked,
                    tracked.emitted);
        }
    }

    /**
     * Whether the file still holds the bytes an offset was taken over: for an object, the same ETag; for a file, its
     * first KiB and the bytes of the record before the position (files that reuse an inode often share their first
     * KiB: a CSV header, a sorted export).
     *
     * @param etag the ETag the offset was taken under; null when it has none (a file's, or a broken object's check)
     * @return how it differs, or null when it holds the same bytes
     */
    String differsFrom(StoredFile file, HeadFingerprint head, ResumeCheck check, ReadPosition position,
            String etag) throws IOException {
        if (etag != null || file.etag() != null) {
            return Objects.equals(etag, file.etag()) ? null : "has ETag " + file.etag() + ", not the " + etag;
        }
        if (head != null && !head.matches(storage.read(file, 0, head.length()))) {
            return "does not start with the " + head;
        }
        int length = check == null ? -1 : check.lengthTo(position.byteOffset());
        if (check != null && !file.isCompressed()
                && (length < 0 || !check.matches(storage.read(file, check.from(), length)))) {
            return "does not hold the last record before " + position + " (" + check + ")";
        }
        return null;
    }
}
