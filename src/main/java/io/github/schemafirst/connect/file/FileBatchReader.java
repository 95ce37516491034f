package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.file.read.FileRecordReader;
import io.github.schemafirst.connect.file.read.FileRecordReaders;
import io.github.schemafirst.connect.file.read.MalformedFileException;
import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.file.read.ResumeCheck;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StoredFile;
import io.github.schemafirst.connect.file.storage.StoredFileChangedException;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one batch of records from the task's files that are due, opening at most {@code file.max.open.files} at a
 * time, and moves each file on when it ends, breaks or fails: a file whose rest cannot be read goes through
 * {@code invalid.record.policy}; one that cannot be read for a passing reason is retried with a growing backoff.
 */
final class FileBatchReader {
    private static final Logger log = LoggerFactory.getLogger(FileBatchReader.class);
    /** A retried file's warning is repeated every this many failures, not on each. */
    private static final int WARN_EVERY_FAILURES = 10;

    private final FileSourceConfig config;
    private final Storage storage;
    private final RecordPipeline pipeline;
    private final FileTaskMetrics metrics;
    private final TrackedFiles files;
    private final FileStages stages;
    private final BooleanSupplier stopping;
    private final boolean movesBrokenFiles;
    private int rotation;

    FileBatchReader(FileSourceConfig config, Storage storage, RecordPipeline pipeline, FileTaskMetrics metrics,
            TrackedFiles files, FileStages stages, BooleanSupplier stopping) {
        this.config = config;
        this.storage = storage;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.files = files;
        this.stages = stages;
        this.stopping = stopping;
        this.movesBrokenFiles = storage.errors().isPresent();
    }

    /**
     * Reads up to {@code batch.max.records} records from the files that are due. The open files come first,
     * starting with a different one each poll so one busy file cannot starve the others; then, while fewer than
     * {@code file.max.open.files} are open, the waiting files, oldest first.
     */
    List<SourceRecord> readBatch(long deadline) {
        int max = config.batchMaxRecords();
        List<SourceRecord> batch = new ArrayList<>(Math.min(max, 1024));
        List<TrackedFile> open = new ArrayList<>();
        List<TrackedFile> waiting = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (TrackedFile tracked : files.all()) {
            if (tracked.stage == TrackedFile.Stage.READING && tracked.retryAtMillis <= now) {
                (tracked.reader() != null ? open : waiting).add(tracked);
            }
        }
        int openCount = open.size();
        if (!open.isEmpty()) {
            Collections.rotate(open, -Math.floorMod(rotation++, open.size()));
        }
        List<TrackedFile> order = open;
        order.addAll(waiting);
        for (TrackedFile tracked : order) {
            if (batch.size() >= max || System.currentTimeMillis() >= deadline || stopping.getAsBoolean()) {
                break;
            }
            if (tracked.reader() == null) {
                if (openCount >= config.maxOpenFiles()) {
                    break; // the rest wait for a descriptor: an open file that reaches its end frees one
                }
                openCount++;
            }
            read(tracked, batch, max, deadline);
            if (tracked.reader() == null) {
                openCount--;
            }
        }
        return batch;
    }

    private void read(TrackedFile tracked, List<SourceRecord> batch, int max, long deadline) {
        StoredFile before = null;
        try {
            if (storage.immutable()) {
                before = tracked.file(); // an object cannot change under its ETag: no request to look
            } else if (!tracked.vanished) {
                // taken before reading: any write after it changes size or time, so the next listing sees it
                before = statUnlessGoneWhileOpen(tracked);
            }
            if (tracked.reader() == null) {
                open(tracked);
            }
            FileRecordReader reader = tracked.reader();
            for (int n = 1; batch.size() < max; n++) {
                if ((n & 0xff) == 0 && (System.currentTimeMillis() >= deadline || stopping.getAsBoolean())) {
                    break; // the rest in the next poll: the worker must get control back promptly
                }
                RawRecord raw = reader.next();
                if (raw == null) {
                    readAgain(tracked);
                    reachedEnd(tracked, reader.finished(), before);
                    return;
                }
                ReadPosition end = reader.position();
                ResumeCheck endCheck = reader.resumeCheck();
                FileOffset offset = tracked.offsetAt(end, endCheck);
                SourceRecord record = pipeline.toSourceRecord(raw, reader.decoder(), tracked.partition,
                        offset.toMap());
                tracked.advanceTo(end, endCheck);
                emitted(tracked, record, offset, batch);
            }
            readAgain(tracked);
        } catch (NoSuchFileException e) {
            log.info("{} disappeared before it could be opened; the next listing decides what became of it", tracked);
            metrics.vanished();
            waitForListing(tracked);
        } catch (StoredFileChangedException e) {
            log.info("{} was overwritten while it was read ({}); the next listing shows the new object, which is "
                    + "read from its start", tracked, e.getMessage());
            waitForListing(tracked);
        } catch (MalformedFileException e) {
            broken(tracked, e.getMessage(), batch);
        } catch (EOFException | ZipException e) {
            compressedDataBroken(tracked, e, before, batch);
        } catch (IOException e) {
            failed(tracked, e);
        }
    }

    /** Nothing is read from the file until the next listing says what became of it. */
    private static void waitForListing(TrackedFile tracked) {
        tracked.closeReader();
        tracked.stage = TrackedFile.Stage.AT_END;
        tracked.sizeAtEnd = -1; // if it was only renamed, the next listing sends it back to reading
    }

    /**
     * The file's attributes; null when its name is gone but it is open (renamed or deleted since the last listing):
     * it is read on through the open descriptor, and the next listing tells which it was.
     */
    private StoredFile statUnlessGoneWhileOpen(TrackedFile tracked) throws IOException {
        try {
            StoredFile now = storage.refresh(tracked.file());
            tracked.update(now);
            return now;
        } catch (NoSuchFileException e) {
            if (tracked.reader() == null) {
                throw e;
            }
            return null;
        }
    }

    private void emitted(TrackedFile tracked, SourceRecord record, FileOffset offset, List<SourceRecord> batch) {
        if (record != null) {
            batch.add(record);
            tracked.emitted++;
            tracked.lastEmitted = offset;
        }
    }

    /** Opens the reader where reading resumes, unless the file no longer holds what was read (then from the start). */
    private void open(TrackedFile tracked) throws IOException {
        if (tracked.position().byteOffset() > 0) {
            String differs = tracked.file().etag() != null ? null // the listing compared ETags (see update)
                    : stages.differsFrom(tracked.file(), tracked.fingerprintAt(tracked.position().byteOffset()),
                            tracked.check(), tracked.position(), null);
            if (differs != null) {
                log.warn("{} {} read before: it was rewritten; reading it again from the start", tracked, differs);
                stages.restart(tracked);
            }
        }
        StoredFile file = tracked.file();
        tracked.attach(FileRecordReaders.open(storage.open(file), file.isCompressed(), file.name(), config.format(),
                config.csvOptions(), pipeline.valueSchema(), tracked.position(), config.recordMaxBytes()));
        if (tracked.markedComplete) {
            tracked.reader().markComplete();
        }
    }

    /**
     * The data of a {@code .gz} file ends early or is not gzip: broken if the file is unchanged since this read
     * began, or still being written (copied in) if it changed, then read again once it settles.
     */
    private void compressedDataBroken(TrackedFile tracked, IOException e, StoredFile before,
            List<SourceRecord> batch) {
        try {
            StoredFile now = storage.immutable() ? before : storage.refresh(tracked.file());
            if (before != null && !now.sameVersionAs(before)) {
                log.info("{} is still being written ({}); reading it again once it changes no more", tracked,
                        e.toString());
                tracked.closeReader();
                tracked.stage = TrackedFile.Stage.AT_END;
                tracked.sizeAtEnd = -1;
                return;
            }
        } catch (IOException statFailed) {
            failed(tracked, statFailed);
            return;
        }
        broken(tracked, tracked.displayName() + " after " + tracked.position() + ": the compressed data is "
                + "truncated or corrupt (" + e.getMessage() + ")", batch);
    }

    /**
     * The rest of the file cannot be read. It goes through {@code invalid.record.policy} as one invalid record at
     * the position where reading stopped: fail stops the task; skip and dead-letter keep the records before it
     * (already in this or earlier batches) and finish the file, the dead letter carrying an offset that marks it
     * broken so a restarted task does not read it again.
     */
    private void broken(TrackedFile tracked, String reason, List<SourceRecord> batch) {
        tracked.closeReader();
        Position at = Position.line(tracked.displayName(), tracked.position().line());
        RawRecord unreadable = RawRecord.rejected(at, new byte[0], "the rest of the file cannot be read: " + reason);
        FileOffset offset;
        try {
            offset = tracked.offsetAt(tracked.position(), tracked.check()).asBroken(reason);
        } catch (IOException e) {
            failed(tracked, e);
            return;
        }
        // throws InvalidRecordFailure under policy fail: the task stops, naming the file, position and reason
        SourceRecord deadLetter = pipeline.toSourceRecord(unreadable, null, tracked.partition, offset.toMap());
        emitted(tracked, deadLetter, offset, batch);
        tracked.stage = TrackedFile.Stage.BROKEN;
        tracked.broken = reason;
        tracked.sizeAtEnd = -1; // the next listing takes its size and time, to notice a rewrite later
        log.error("{}: the rest of the file cannot be read ({}); {} records were emitted from it by this task. {} "
                + "(invalid.record.policy={}){}", tracked, reason, tracked.emitted - (deadLetter == null ? 0 : 1),
                deadLetter == null ? "Skipping the rest" : "Sent its position and error to the dead-letter topic",
                config.invalidRecordPolicy().configValue(),
                !movesBrokenFiles ? "; it stays in place and is not read again while unchanged"
                        : "; it is moved to file.error.dir once its records are committed");
    }

    /** A passing failure (permissions, a network mount's hiccup): try again later, waiting longer each time. */
    private void failed(TrackedFile tracked, IOException e) {
        tracked.closeReader();
        tracked.failures++;
        long base = config.pollInterval().toMillis();
        long backoff = base << Math.min(tracked.failures - 1, 20);
        long delay = Math.min(config.retryBackoffMax().toMillis(), backoff <= 0 ? Long.MAX_VALUE : backoff);
        tracked.retryAtMillis = System.currentTimeMillis() + delay;
        if (tracked.failures == 1 || tracked.failures % WARN_EVERY_FAILURES == 0) {
            log.warn("Cannot read {} at {} ({} failed attempts in a row): {}; trying again in {} ms", tracked,
                    tracked.position(), tracked.failures, e.toString(), delay);
        } else {
            log.debug("Cannot read {} at {} (attempt {}): {}", tracked, tracked.position(), tracked.failures,
                    e.toString());
        }
    }

    private void readAgain(TrackedFile tracked) {
        if (tracked.failures > 0) {
            log.info("Reading {} again after {} failed attempts", tracked, tracked.failures);
            tracked.failures = 0;
            tracked.retryAtMillis = 0;
        }
    }

    private void reachedEnd(TrackedFile tracked, boolean finished, StoredFile before) {
        if (tracked.vanished) {
            files.forget(tracked);
            log.info("{} read to its end after it left {}: {} records emitted; forgotten", tracked, storage.root(),
                    tracked.emitted);
            return;
        }
        if (before == null) {
            // its name went away while it was read: the next listing finds it renamed (read on) or gone (forgotten)
            tracked.closeReader();
            tracked.stage = TrackedFile.Stage.AT_END;
            tracked.sizeAtEnd = -1;
            return;
        }
        long now = System.currentTimeMillis();
        tracked.sizeAtEnd = before.size();
        tracked.modifiedAtEnd = before.modifiedMillis();
        if (finished) {
            tracked.markedComplete = true; // nothing can follow, whatever the file's age
        }
        tracked.stage = TrackedFile.Stage.AT_END;
        stages.settle(tracked, tracked.modifiedAtEnd, now);
        if (tracked.stage == TrackedFile.Stage.AT_END) {
            tracked.closeReader(); // reopened when the file changes: idle files hold no descriptor
        }
    }
}
