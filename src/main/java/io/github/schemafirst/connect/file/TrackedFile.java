package io.github.schemafirst.connect.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file a task owns: where it is now, where reading resumes, its open reader (only while there is something to
 * read, so thousands of idle files hold no descriptors) and what has been emitted and acknowledged. Touched only
 * by the task's poll thread, except {@link #acked}, which the producer's callbacks count up.
 */
final class TrackedFile {
    private static final Logger log = LoggerFactory.getLogger(TrackedFile.class);

    enum Stage {
        /** May have records: poll reads it. */
        READING,
        /** Read to its current end; waits for the file to change, or to settle if it is to be finished. */
        AT_END,
        /** Every record read; waits for the last emitted record's offset to be committed, then the action runs. */
        COMPLETING
    }

    final String key;
    final Map<String, Object> partition;
    final AtomicLong acked = new AtomicLong();

    private Path path;
    private String displayName;
    private ReadPosition position;
    private FileRecordReader reader;
    private byte[] head;
    private HeadFingerprint fullHead;
    Stage stage = Stage.READING;
    long sizeAtEnd = -1;
    long modifiedAtEnd = -1;
    /** The reader was told no more bytes will come (the file settled), so its last line was read. */
    boolean markedComplete;
    long emitted;
    FileOffset lastEmitted;

    TrackedFile(String key, Path path, Path root, ReadPosition position) {
        this.key = key;
        this.partition = FileOffset.partition(key);
        this.position = position;
        moveTo(path, root);
    }

    Path path() {
        return path;
    }

    /** The name records' positions show: the path relative to {@code file.path}. */
    String displayName() {
        return displayName;
    }

    ReadPosition position() {
        return position;
    }

    void advanceTo(ReadPosition next) {
        position = next;
    }

    FileRecordReader reader() {
        return reader;
    }

    void attach(FileRecordReader opened) {
        reader = opened;
    }

    /** The file was renamed within the watched directory: same identity, new name. */
    void moveTo(Path newPath, Path root) {
        this.path = newPath;
        this.displayName = root.relativize(newPath).toString().replace('\\', '/');
    }

    /** Forgets everything read so far: the file is read again from its start. */
    void restart() {
        closeReader();
        position = ReadPosition.START;
        head = null;
        fullHead = null;
        stage = Stage.READING;
        markedComplete = false;
        sizeAtEnd = -1;
        modifiedAtEnd = -1;
    }

    /** The offset to store with a record that ends at {@code end}. */
    FileOffset offsetAt(ReadPosition end) throws IOException {
        return new FileOffset(end, fingerprintAt(end.byteOffset()), displayName);
    }

    /** The fingerprint of the file's first min(1024, upTo) bytes (fewer when the file itself is shorter). */
    HeadFingerprint fingerprintAt(long upTo) throws IOException {
        int wanted = (int) Math.min(HeadFingerprint.MAX_LENGTH, upTo);
        if (wanted == HeadFingerprint.MAX_LENGTH && fullHead != null) {
            return fullHead;
        }
        if (head == null || (head.length < wanted && head.length < HeadFingerprint.MAX_LENGTH)) {
            head = HeadFingerprint.readHead(path, HeadFingerprint.MAX_LENGTH);
        }
        HeadFingerprint fingerprint = HeadFingerprint.of(head, Math.min(wanted, head.length));
        if (fingerprint.length() == HeadFingerprint.MAX_LENGTH) {
            fullHead = fingerprint;
        }
        return fingerprint;
    }

    void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                log.debug("Closing the reader of {} failed", path, e);
            }
            reader = null;
        }
    }

    @Override
    public String toString() {
        return displayName + " (" + key + ")";
    }
}
