package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.file.storage.Completion;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves or deletes the files read to their end ({@code file.completed.action}) and moves broken files into
 * {@code file.error.dir}, each only once the offset of the last record emitted from it is in the offset store: its
 * records are acknowledged, an offset commit happened, and the stored offset equals the last one emitted.
 */
final class FileCompletion {
    private static final Logger log = LoggerFactory.getLogger(FileCompletion.class);

    private final FileSourceConfig config;
    private final Storage storage;
    private final Completion completedFiles;
    /** Moves broken files into {@code file.error.dir}; null when it is not set. */
    private final Completion brokenFiles;
    private final TrackedFiles files;
    private final FileStages stages;
    private final StoredOffsets offsets;
    private final FileTaskMetrics metrics;
    private long commitsChecked;

    FileCompletion(FileSourceConfig config, Storage storage, TrackedFiles files, FileStages stages,
            StoredOffsets offsets, FileTaskMetrics metrics) {
        this.config = config;
        this.storage = storage;
        this.completedFiles = storage.completion();
        this.brokenFiles = storage.errors().orElse(null);
        this.files = files;
        this.stages = stages;
        this.offsets = offsets;
        this.metrics = metrics;
    }

    /**
     * Runs the completion action on every file read to its end, and moves broken files into
     * {@code file.error.dir}, once the last emitted record's offset is in the offset store.
     */
    void completeCommittedFiles(long commitCount) {
        if (completedFiles.action() == CompletionAction.NONE && brokenFiles == null) {
            return; // nothing is ever moved or deleted: no need to look at every known file on every poll
        }
        List<TrackedFile> ready = new ArrayList<>();
        List<TrackedFile> waiting = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (TrackedFile tracked : files.all()) {
            boolean finishing = tracked.stage == TrackedFile.Stage.COMPLETING
                    || (tracked.stage == TrackedFile.Stage.BROKEN && brokenFiles != null);
            if (!finishing || tracked.retryAtMillis > now) {
                continue;
            }
            if (tracked.lastEmitted == null) {
                ready.add(tracked); // nothing emitted (all skipped, or read before a restart): nothing to commit
            } else if (tracked.acked.get() >= tracked.emitted) {
                waiting.add(tracked);
            }
        }
        if (!waiting.isEmpty() && commitCount != commitsChecked) {
            commitsChecked = commitCount;
            List<Map<String, Object>> partitions = new ArrayList<>();
            for (TrackedFile tracked : waiting) {
                partitions.add(tracked.partition);
            }
            Map<Map<String, Object>, Map<String, Object>> stored = offsets.lookup(partitions);
            for (TrackedFile tracked : waiting) {
                if (isCommitted(tracked, stored.get(tracked.partition))) {
                    ready.add(tracked);
                }
            }
        }
        for (TrackedFile tracked : ready) {
            if (tracked.stage == TrackedFile.Stage.BROKEN) {
                finish(tracked, brokenFiles, "broken: " + tracked.broken);
            } else if (unchangedSinceRead(tracked)) {
                finish(tracked, completedFiles, tracked.emitted + " records emitted, read to " + tracked.position());
            }
        }
    }

    private static boolean isCommitted(TrackedFile tracked, Map<String, Object> stored) {
        if (stored == null) {
            return false;
        }
        try {
            FileOffset committed = FileOffset.fromMap(stored);
            FileOffset last = tracked.lastEmitted;
            return committed.position().byteOffset() >= last.position().byteOffset()
                    && (committed.head() == null || committed.head().equals(last.head()))
                    && Objects.equals(committed.etag(), last.etag())
                    && (last.broken() == null || committed.broken() != null);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The last look before a file is moved or deleted: a writer that appended since it was read to its end (after
     * the last listing) must not lose those bytes, so a file whose size or time changed is read on instead.
     */
    private boolean unchangedSinceRead(TrackedFile tracked) {
        StoredFile now;
        try {
            now = storage.refresh(tracked.file());
        } catch (IOException e) {
            return true; // gone or unreadable: the action itself reports it
        }
        if (!Objects.equals(now.etag(), tracked.file().etag())) {
            // overwritten after it was read: the new object is read, never deleted or moved unread
            tracked.update(now);
            log.info("{} was overwritten after it was read (ETag {}): reading the new object", tracked, now.etag());
            stages.restart(tracked);
            return false;
        }
        if (now.size() == tracked.sizeAtEnd && now.modifiedMillis() == tracked.modifiedAtEnd) {
            return true;
        }
        stages.readOnAfterChange(tracked);
        return false;
    }

    private void finish(TrackedFile tracked, Completion action, String description) {
        try {
            action.complete(tracked.file(), description);
            files.forget(tracked);
            metrics.completed();
        } catch (IOException e) {
            tracked.failures++;
            long delay = config.retryBackoffMax().toMillis();
            tracked.retryAtMillis = System.currentTimeMillis() + delay;
            log.error("Cannot {} {} after reading it: {}; trying again in {} ms", action.action().configValue(),
                    tracked.file(), e.toString(), delay);
        }
    }
}
