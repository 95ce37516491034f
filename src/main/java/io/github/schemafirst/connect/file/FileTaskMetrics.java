package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.TaskMetrics;
import java.util.Map;
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
