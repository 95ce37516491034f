package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.TaskMetrics;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.management.MBeanServer;

/**
 * The file task's metrics: the shared ones plus what it knows of its files. The file counts and the bytes not yet
 * read are taken by the task's thread at the end of each poll ({@link #files}), never by JMX from the task's maps.
 */
final class FileTaskMetrics extends TaskMetrics {
    private volatile long known;
    private volatile long reading;
    private volatile long waiting;
    private volatile long errored;
    private volatile long completed;
    private volatile long bytesNotRead;
    private volatile long vanished;
    private volatile LongSupplier requests = () -> 0;
    private volatile LongSupplier throttles = () -> 0;

    FileTaskMetrics(Map<String, String> taskProps, TaskSlot slot, String deadLetterTopic, MBeanServer server) {
        super(taskProps, Integer.toString(slot.index()), deadLetterTopic, server);
        gauge("files-known", "Files this task tracks (listed, not yet completed or forgotten)", () -> known);
        gauge("files-reading", "Files open for reading", () -> reading);
        gauge("files-waiting", "Files with records to read that are not open yet (file.max.open.files, backoff)",
                () -> waiting);
        gauge("files-completed", "Files moved or deleted by file.completed.action or moved to file.error.dir "
                + "since the task started", () -> completed);
        gauge("files-errored", "Files whose rest cannot be read, or whose last read failed", () -> errored);
        gauge("bytes-not-read", "Bytes not yet read across the known uncompressed files: size at the last listing "
                + "minus the read position (the lag)", () -> bytesNotRead);
        gauge("files-vanished", "Files or objects that were gone when the task came to open them, since the task "
                + "started", () -> vanished);
        gauge("storage-requests", "Requests sent to object storage (lists, GETs, HEADs, copies, deletes; retries "
                + "included) since the task started; 0 for a local directory", () -> requests.getAsLong());
        gauge("storage-throttles", "Responses of object storage that asked to slow down (503 SlowDown, 429) since "
                + "the task started", () -> throttles.getAsLong());
    }

    /** Counts the storage's requests and throttled responses (object storage only). */
    void storage(LongSupplier requestCount, LongSupplier throttleCount) {
        requests = requestCount;
        throttles = throttleCount;
    }

    void vanished() {
        vanished++;
    }

    void files(long knownFiles, long readingFiles, long waitingFiles, long erroredFiles, long notRead) {
        known = knownFiles;
        reading = readingFiles;
        waiting = waitingFiles;
        errored = erroredFiles;
        bytesNotRead = notRead;
    }

    void completed() {
        completed++;
    }
}
