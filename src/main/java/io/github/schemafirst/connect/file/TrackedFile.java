package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.file.read.FileRecordReader;
import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.file.read.ResumeCheck;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file a task owns: where it is now, where reading resumes, its open reader (only while there is something to
 * read, so thousands of idle files hold no descriptors) and what has been emitted and acknowledged. Touched only
 * by the task's poll thread, except {@link #acked}, which the producer's callbacks count up. Kept small (no file
 * bytes while the file is not open): a task may know tens of thousands of files.
 */
final class TrackedFile {
    private static final Logger log = LoggerFactory.getLogger(TrackedFile.class);

    enum Stage {
        /** May have records: poll reads it. */
        READING,
        /** Read to its current end; waits for the file to change, or to settle if it is to be finished. */
        AT_END,
        /** Every record read; waits for the last emitted record's offset to be committed, then the action runs. */
        COMPLETING,
        /**
         * The rest cannot be read (see {@code invalid.record.policy}); with {@code file.error.dir} it is moved there
         * once its last emitted offset is committed, otherwise it stays and is not read again unless truncated.
         */
        BROKEN
    }

    final String key;
    final Map<String, Object> partition;
    final AtomicLong acked = new AtomicLong();

    private final Storage storage;
    /** The file as last listed (or stat'ed before a read). */
    private StoredFile file;
    private ReadPosition position;
    /** Checks the bytes before {@link #position}; null when unknown. */
    private ResumeCheck check;
    private FileRecordReader reader;
    /** The file's first bytes, read for the fingerprints of offsets within them; dropped with the reader. */
    private byte[] head;
    private HeadFingerprint fullHead;
    Stage stage = Stage.READING;
    /** Gone from the directory while open: read to its end through the open descriptor, then forgotten. */
    boolean vanished;
    /** Reads that failed in a row for a passing reason, and when to try again. */
    int failures;
    long retryAtMillis;
    /** Why the rest of the file cannot be read (stage BROKEN). */
    String broken;
    long sizeAtEnd = -1;
    /** The size at the last listing (for the bytes-not-read metric); -1 when unknown. */
    long listedSize = -1;
    long modifiedAtEnd = -1;
    /** The reader was told no more bytes will come (the file settled), so its last line was read. */
    boolean markedComplete;
    long emitted;
    FileOffset lastEmitted;

    TrackedFile(Storage storage, StoredFile file, ReadPosition position, ResumeCheck check) {
        this.key = file.key();
        this.partition = FileOffset.partition(key);
        this.storage = storage;
        this.file = file;
        this.position = position;
        this.check = check;
    }

    StoredFile file() {
        return file;
    }

    /** The name records' positions show: the path relative to {@code file.path} (or the key below the prefix). */
    String displayName() {
        return file.name();
    }

    ReadPosition position() {
        return position;
    }

    ResumeCheck check() {
        return check;
    }

    /** Whether positions are stored bytes, comparable with the file's size (not a {@code .gz} file). */
    boolean isPlain() {
        return !file.isCompressed();
    }

    void advanceTo(ReadPosition next, ResumeCheck nextCheck) {
        position = next;
        check = nextCheck;
    }

    FileRecordReader reader() {
        return reader;
    }

    void attach(FileRecordReader opened) {
        reader = opened;
    }

    /** A newer look at the same file: renamed within the watched directory (same identity), grown, or stat'ed. */
    void update(StoredFile newer) {
        this.file = newer;
    }

    /** Forgets everything read so far: the file is read again from its start. */
    void restart() {
        closeReader();
        position = ReadPosition.START;
        check = null;
        head = null;
        fullHead = null;
        broken = null;
        stage = Stage.READING;
        markedComplete = false;
        sizeAtEnd = -1;
        modifiedAtEnd = -1;
    }

    /** The offset to store with a record that ends at {@code end}, whose bytes {@code endCheck} covers. */
    FileOffset offsetAt(ReadPosition end, ResumeCheck endCheck) throws IOException {
        if (file.etag() != null) {
            // an object's ETag names its bytes: no fingerprint (nor the ranged GET of its head) is needed
            return new FileOffset(end, null, null, file.name(), null, file.etag());
        }
        return new FileOffset(end, fingerprintAt(end.byteOffset()), endCheck, file.name(), null, null);
    }

    /** The fingerprint of the file's first min(1024, upTo) bytes (fewer when the file itself is shorter). */
    HeadFingerprint fingerprintAt(long upTo) throws IOException {
        int wanted = (int) Math.min(HeadFingerprint.MAX_LENGTH, upTo);
        if (wanted == HeadFingerprint.MAX_LENGTH && fullHead != null) {
            return fullHead;
        }
        if (head == null || (head.length < wanted && head.length < HeadFingerprint.MAX_LENGTH)) {
            // the open reader's own first bytes when it has them all: no second open of each (small) file
            byte[] read = reader == null ? null : reader.head(HeadFingerprint.MAX_LENGTH);
            head = read != null && read.length >= wanted ? read
                    : storage.read(file, 0, HeadFingerprint.MAX_LENGTH);
        }
        // hashed when first needed (the worker stores the offsets of few records): one object per record here
        HeadFingerprint fingerprint = HeadFingerprint.lazy(head, Math.min(wanted, head.length));
        if (fingerprint.length() == HeadFingerprint.MAX_LENGTH) {
            fullHead = fingerprint;
        }
        return fingerprint;
    }

    void closeReader() {
        // Hash the fingerprints that outlive the reader: the worker keeps the last offset of each file until it
        // commits, and an idle file keeps its full fingerprint; both then hold a hash, not the head's bytes.
        if (lastEmitted != null && lastEmitted.head() != null) {
            lastEmitted.head().hash();
        }
        if (fullHead != null) {
            fullHead.hash();
        }
        head = null; // the full fingerprint, once taken, is all a file needs while idle
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                log.debug("Closing the reader of {} failed", file, e);
            }
            reader = null;
        }
    }

    @Override
    public String toString() {
        return file.name() + " (" + key + ")";
    }
}
