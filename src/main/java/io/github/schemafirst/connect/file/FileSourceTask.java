package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.core.Version;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its share of the directory's files (see {@link TaskSlot}) and hands their records to the worker.
 *
 * <p>Every {@code file.poll.interval.ms} it lists the directory: new files are resumed from their stored offset
 * (after checking the offset's {@link HeadFingerprint} still matches), renamed files keep reading, grown files are
 * read again from where they ended, truncated or rewritten files start over, vanished files are forgotten. A poll
 * reads up to {@code batch.max.records} records, continuing with the next file when one ends, so one batch can
 * hold records of several files, each with its own partition and offset.
 *
 * <p>With {@code file.completed.action} move or delete, a file read to its end (and idle for
 * {@code file.min.age.ms}) is completed only once the offset of the last record emitted from it is in the offset
 * store: its records are acknowledged ({@link #commitRecord}), an offset commit happened ({@link #commit}), and the
 * stored offset equals the last one emitted.
 */
public final class FileSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(FileSourceTask.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicLong commits = new AtomicLong();
    private final Map<String, TrackedFile> byKey = new ConcurrentHashMap<>();
    /** The files this task owns, in the order they were found (oldest first). */
    private final Map<String, TrackedFile> files = new LinkedHashMap<>();

    private volatile boolean stopping;
    private FileSourceConfig config;
    private TaskSlot slot;
    private RecordPipeline pipeline;
    private FileScanner scanner;
    private CompletedFiles completedFiles;
    private long nextScanMillis;
    private long commitsChecked;
    private int rotation;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new FileSourceConfig(props);
        slot = TaskSlot.from(props);
        Optional<DeclaredSchema> schema;
        try {
            schema = config.loadValueSchema();
            pipeline = RecordPipeline.create(config, schema);
        } catch (RuntimeException e) {
            // a schema that cannot be used, or key/timestamp fields that are not in it
            throw new ConnectException("Cannot start: " + e.getMessage(), e);
        }
        scanner = new FileScanner(config.path(), config.fileNameMatcher(), config.recursive(), config.completedDir());
        completedFiles = new CompletedFiles(config.completedAction(), config.completedDir().orElse(null));
        nextScanMillis = 0;
        log.info("File source {} reading {} files matching '{}' in {}{} as {}", slot, config.format().configValue(),
                config.pattern(), scanner.root(), config.recursive() ? " and its subdirectories" : "",
                schema.map(s -> "records of the declared " + s.type().configValue() + " schema")
                        .orElse("strings"));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long waitMillis;
        lock.lock();
        try {
            if (stopping) {
                return null;
            }
            long now = System.currentTimeMillis();
            if (now >= nextScanMillis) {
                scan(now);
                nextScanMillis = now + config.pollInterval().toMillis();
            }
            completeCommittedFiles();
            List<SourceRecord> batch = readBatch();
            if (!batch.isEmpty()) {
                return batch;
            }
            if (hasFileToRead()) {
                return null; // a file settled during this poll: its last record is read by the next one
            }
            waitMillis = Math.max(1, nextScanMillis - System.currentTimeMillis());
        } finally {
            lock.unlock();
        }
        // nothing to read until the next listing: wait for it without spinning, but leave at once on stop()
        stopRequested.await(waitMillis, TimeUnit.MILLISECONDS);
        return null;
    }

    private boolean hasFileToRead() {
        for (TrackedFile tracked : files.values()) {
            if (tracked.stage == TrackedFile.Stage.READING) {
                return true;
            }
        }
        return false;
    }

    // ---- discovery ------------------------------------------------------------------------------------------

    private void scan(long now) {
        List<FileScanner.FoundFile> found;
        try {
            found = scanner.scan();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}; trying again in {} ms", scanner.root(), e.toString(),
                    config.pollInterval().toMillis());
            return;
        }
        Set<String> seen = new HashSet<>();
        List<FileScanner.FoundFile> fresh = new ArrayList<>();
        for (FileScanner.FoundFile file : found) {
            if (!slot.owns(file.key)) {
                continue;
            }
            seen.add(file.key);
            TrackedFile tracked = files.get(file.key);
            if (tracked == null) {
                if (now - file.modifiedMillis >= config.minAge().toMillis()) {
                    fresh.add(file);
                }
            } else {
                update(tracked, file, now);
            }
        }
        forgetVanished(seen);
        if (!fresh.isEmpty()) {
            track(fresh);
        }
    }

    private void update(TrackedFile tracked, FileScanner.FoundFile file, long now) {
        if (!tracked.path().equals(file.path)) {
            log.info("{} was renamed to {}; reading it on from {}", tracked.path(), file.path, tracked.position());
            tracked.moveTo(file.path, scanner.root());
        }
        if (isPlain(file.path) && file.size < tracked.position().byteOffset()) {
            log.warn("{} shrank to {} bytes, below the {} bytes already read: it was truncated or rewritten, "
                    + "reading it again from the start", tracked, file.size, tracked.position().byteOffset());
            tracked.restart();
            return;
        }
        boolean changed = file.size != tracked.sizeAtEnd || file.modifiedMillis != tracked.modifiedAtEnd;
        if (tracked.stage == TrackedFile.Stage.AT_END) {
            if (changed) {
                tracked.stage = TrackedFile.Stage.READING; // it grew (or was touched): read on
                tracked.markedComplete = false;
            } else {
                settle(tracked, file.modifiedMillis, now);
            }
        } else if (tracked.stage == TrackedFile.Stage.COMPLETING && changed) {
            log.warn("{} changed after it was read to its end and before it was {}d: reading on instead. Raise "
                    + "file.min.age.ms above the pauses of its writer", tracked,
                    completedFiles.action().configValue());
            tracked.stage = TrackedFile.Stage.READING;
            tracked.markedComplete = false;
        }
    }

    private void forgetVanished(Set<String> seen) {
        List<String> gone = new ArrayList<>();
        for (TrackedFile tracked : files.values()) {
            if (!seen.contains(tracked.key)) {
                gone.add(tracked.key);
            }
        }
        for (String key : gone) {
            TrackedFile tracked = files.remove(key);
            byKey.remove(key);
            tracked.closeReader();
            log.info("{} is no longer in {} (moved away or deleted); stopped reading it at {}", tracked,
                    scanner.root(), tracked.position());
        }
    }

    /** Starts tracking new files, resuming each from its stored offset (one offset store lookup for all). */
    private void track(List<FileScanner.FoundFile> fresh) {
        List<Map<String, Object>> partitions = new ArrayList<>(fresh.size());
        for (FileScanner.FoundFile file : fresh) {
            partitions.add(FileOffset.partition(file.key));
        }
        Map<Map<String, Object>, Map<String, Object>> stored = storedOffsets(partitions);
        for (FileScanner.FoundFile file : fresh) {
            Map<String, Object> offset = stored.get(FileOffset.partition(file.key));
            ReadPosition start = resumePosition(file, offset);
            TrackedFile tracked = new TrackedFile(file.key, file.path, scanner.root(), start);
            files.put(file.key, tracked);
            byKey.put(file.key, tracked);
            log.debug("Tracking {} from {}", tracked, start);
        }
    }

    private Map<Map<String, Object>, Map<String, Object>> storedOffsets(Collection<Map<String, Object>> partitions) {
        OffsetStorageReader reader = context.offsetStorageReader();
        Map<Map<String, Object>, Map<String, Object>> stored = reader == null ? null : reader.offsets(partitions);
        return stored == null ? Map.of() : stored;
    }

    private ReadPosition resumePosition(FileScanner.FoundFile file, Map<String, Object> stored) {
        if (stored == null) {
            return ReadPosition.START;
        }
        FileOffset offset;
        try {
            offset = FileOffset.fromMap(stored);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring the stored offset {} of {} ({}): {}; reading it from the start", stored, file.path,
                    file.key, e.getMessage());
            return ReadPosition.START;
        }
        try {
            if (offset.head() != null && !offset.head().matches(file.path)) {
                log.warn("{} ({}) does not start with the {} its stored offset was taken over (last read as {}): "
                        + "its identity was reused by a new file, or it was rewritten; reading it from the start",
                        file.path, file.key, offset.head(), offset.path());
                return ReadPosition.START;
            }
        } catch (IOException e) {
            log.warn("Cannot check the start of {}: {}; reading it from the start", file.path, e.toString());
            return ReadPosition.START;
        }
        if (isPlain(file.path) && file.size < offset.position().byteOffset()) {
            log.warn("{} ({}) has {} bytes, fewer than the {} of its stored offset: it was truncated or rewritten; "
                    + "reading it from the start", file.path, file.key, file.size, offset.position().byteOffset());
            return ReadPosition.START;
        }
        log.info("Resuming {} at {}", file.path, offset.position());
        return offset.position();
    }

    // ---- reading --------------------------------------------------------------------------------------------

    private List<SourceRecord> readBatch() {
        int max = config.batchMaxRecords();
        List<SourceRecord> batch = new ArrayList<>(Math.min(max, 1024));
        List<TrackedFile> order = new ArrayList<>(files.values());
        if (order.isEmpty()) {
            return batch;
        }
        // start with a different file each poll so one busy file cannot starve the others
        int start = Math.floorMod(rotation++, order.size());
        for (int i = 0; i < order.size() && batch.size() < max; i++) {
            TrackedFile tracked = order.get((start + i) % order.size());
            if (tracked.stage == TrackedFile.Stage.READING) {
                read(tracked, batch, max);
            }
        }
        return batch;
    }

    private void read(TrackedFile tracked, List<SourceRecord> batch, int max) {
        BasicFileAttributes before;
        try {
            // taken before reading: any write after it changes size or time, so the next listing sees it
            before = Files.readAttributes(tracked.path(), BasicFileAttributes.class);
            if (tracked.reader() == null && !open(tracked)) {
                return;
            }
            FileRecordReader reader = tracked.reader();
            while (batch.size() < max) {
                RawRecord raw = reader.next();
                if (raw == null) {
                    reachedEnd(tracked, reader.finished(), before);
                    return;
                }
                ReadPosition end = reader.position();
                FileOffset offset = tracked.offsetAt(end);
                SourceRecord record = pipeline.toSourceRecord(raw, reader.decoder(), tracked.partition,
                        offset.toMap());
                tracked.advanceTo(end);
                if (record != null) {
                    batch.add(record);
                    tracked.emitted++;
                    tracked.lastEmitted = offset;
                }
            }
        } catch (NoSuchFileException e) {
            log.info("{} disappeared while being read; the next listing decides what became of it", tracked);
            tracked.closeReader();
            tracked.stage = TrackedFile.Stage.AT_END;
            tracked.sizeAtEnd = -1; // if it was only renamed, the next listing sends it back to reading
        } catch (IOException e) {
            log.warn("Cannot read {} at {}: {}; trying again after the next listing", tracked, tracked.position(),
                    e.toString());
            tracked.closeReader();
            tracked.stage = TrackedFile.Stage.AT_END;
            tracked.sizeAtEnd = -1; // any listing counts as a change: retry then
        }
    }

    /** Opens the reader where reading resumes, unless the file no longer starts as it did (then from the start). */
    private boolean open(TrackedFile tracked) throws IOException {
        if (tracked.position().byteOffset() > 0) {
            HeadFingerprint head = tracked.fingerprintAt(tracked.position().byteOffset());
            if (!head.matches(tracked.path())) {
                log.warn("{} no longer starts with the {} read before: it was rewritten; reading it again from the "
                        + "start", tracked, head);
                tracked.restart();
            }
        }
        tracked.attach(FileRecordReaders.open(tracked.path(), tracked.displayName(), config.format(), config.csvOptions(),
                pipeline.valueSchema(), tracked.position()));
        return true;
    }

    private void reachedEnd(TrackedFile tracked, boolean finished, BasicFileAttributes before) {
        long now = System.currentTimeMillis();
        tracked.sizeAtEnd = before.size();
        tracked.modifiedAtEnd = before.lastModifiedTime().toMillis();
        if (finished) {
            tracked.markedComplete = true; // nothing can follow, whatever the file's age
        }
        tracked.stage = TrackedFile.Stage.AT_END;
        settle(tracked, tracked.modifiedAtEnd, now);
        if (tracked.stage == TrackedFile.Stage.AT_END) {
            tracked.closeReader(); // reopened when the file changes: idle files hold no descriptor
        }
    }

    /**
     * A file at its end and idle for {@code file.min.age.ms} is settled: its reader is told no more bytes will come
     * (so an unterminated last line is read), and then, with move/delete, it waits for its commit. With action
     * none and min age 0 a file never settles: an unterminated line may be a write in progress.
     */
    private void settle(TrackedFile tracked, long modifiedMillis, long now) {
        boolean finishes = completedFiles.action() != CompletionAction.NONE;
        if (!tracked.markedComplete) {
            boolean mayMark = finishes || config.minAge().toMillis() > 0;
            if (!mayMark || now - modifiedMillis < config.minAge().toMillis()) {
                return;
            }
            tracked.markedComplete = true;
            try {
                if (tracked.reader() == null) {
                    open(tracked);
                }
                tracked.reader().markComplete();
                tracked.stage = TrackedFile.Stage.READING; // read the last line, if unterminated
            } catch (IOException e) {
                log.warn("Cannot reopen {} to finish it: {}", tracked, e.toString());
                tracked.markedComplete = false;
            }
            return;
        }
        if (finishes) {
            tracked.closeReader();
            tracked.stage = TrackedFile.Stage.COMPLETING;
            log.debug("{} read to its end ({} records emitted by this task); completing it once committed", tracked,
                    tracked.emitted);
        }
    }

    // ---- completion -----------------------------------------------------------------------------------------

    /** Runs the completion action on every file whose last emitted record's offset is in the offset store. */
    private void completeCommittedFiles() {
        List<TrackedFile> ready = new ArrayList<>();
        List<TrackedFile> waiting = new ArrayList<>();
        for (TrackedFile tracked : files.values()) {
            if (tracked.stage != TrackedFile.Stage.COMPLETING) {
                continue;
            }
            if (tracked.lastEmitted == null) {
                ready.add(tracked); // nothing emitted (all skipped, or read before a restart): nothing to commit
            } else if (tracked.acked.get() >= tracked.emitted) {
                waiting.add(tracked);
            }
        }
        long commitCount = commits.get();
        if (!waiting.isEmpty() && commitCount != commitsChecked) {
            commitsChecked = commitCount;
            List<Map<String, Object>> partitions = new ArrayList<>();
            for (TrackedFile tracked : waiting) {
                partitions.add(tracked.partition);
            }
            Map<Map<String, Object>, Map<String, Object>> stored = storedOffsets(partitions);
            for (TrackedFile tracked : waiting) {
                if (isCommitted(tracked, stored.get(tracked.partition))) {
                    ready.add(tracked);
                }
            }
        }
        for (TrackedFile tracked : ready) {
            complete(tracked);
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
                    && (committed.head() == null || committed.head().equals(last.head()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void complete(TrackedFile tracked) {
        try {
            completedFiles.complete(tracked.path(), tracked.emitted + " records emitted, read to " + tracked.position());
            files.remove(tracked.key);
            byKey.remove(tracked.key);
        } catch (IOException e) {
            log.error("Cannot {} {} after reading it: {}; trying again after the next listing",
                    completedFiles.action().configValue(), tracked.path(), e.toString());
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Object key = record.sourcePartition() == null ? null : record.sourcePartition().get(FileOffset.FILE_KEY);
        TrackedFile tracked = key == null ? null : byKey.get(key.toString());
        if (tracked != null) {
            tracked.acked.incrementAndGet();
        }
    }

    @Override
    public void commit() {
        commits.incrementAndGet();
    }

    @Override
    public void stop() {
        stopping = true;
        stopRequested.countDown();
        lock.lock(); // waits for a poll in progress, so readers are never closed under it
        try {
            for (TrackedFile tracked : files.values()) {
                tracked.closeReader();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Compressed files are read by decompressed position, which cannot be compared with their size on disk. */
    private static boolean isPlain(Path file) {
        return !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }
}
