package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.ReadAhead;
import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.core.ValueSchemaRegistration;
import io.github.schemafirst.connect.core.Version;
import io.github.schemafirst.connect.file.read.FileRecordReader;
import io.github.schemafirst.connect.file.read.FileRecordReaders;
import io.github.schemafirst.connect.file.read.MalformedFileException;
import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.file.read.ResumeCheck;
import io.github.schemafirst.connect.file.storage.Completion;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.Listing;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StoredFile;
import io.github.schemafirst.connect.file.storage.StoredFileChangedException;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipException;
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
 *
 * <p>Bounds: at most {@code file.max.open.files} files are open at once (the oldest first; a file read to its end
 * closes its descriptor), a poll reads for at most {@value #READ_BUDGET_MILLIS} ms and waits at most
 * {@value #MAX_WAIT_MILLIS} ms, so the worker's stop, pause and rebalance (which since Kafka 3.0 wait for poll() to
 * return) are never held up by {@code file.poll.interval.ms}. A file whose rest cannot be read goes through
 * {@code invalid.record.policy}; one that cannot be read for a passing reason is retried with a growing backoff.
 *
 * <p>With {@code read.ahead.enabled} every batch is read on a {@link ReadAhead} thread, the next one while the worker
 * converts and sends the one just returned, and poll() waits for a read at most {@value #MAX_WAIT_MILLIS} ms;
 * {@link #lock} keeps every read on one thread at a time, and a batch read ahead is the one reading on demand would
 * have returned next (its records are emitted, not acknowledged, so no file completes before they are written).
 * {@code stop()} drops it unsent.
 */
public final class FileSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(FileSourceTask.class);
    /** How long one poll reads before it hands its batch to the worker. */
    static final long READ_BUDGET_MILLIS = 500;
    /** The longest one poll waits for something to read, and about the longest it takes when it lists and reads. */
    static final long MAX_WAIT_MILLIS = 1000;
    /** The listing interval is at least this many times the time one listing takes. */
    static final long LISTING_TIME_FACTOR = 10;
    /** The most files one poll starts tracking (a stored-offset lookup each). */
    static final int TRACK_PER_POLL = 5_000;
    /** Reading time a poll keeps even after a slow listing. */
    static final long MIN_READ_MILLIS = 50;
    /** A retried file's warning is repeated every this many failures, not on each. */
    private static final int WARN_EVERY_FAILURES = 10;

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
    /** Registers what the converter will not (value.schema.registration=connector); no record before it is ready. */
    private ValueSchemaRegistration registration;
    /** Reads the next batch while the worker sends the current one; null with read.ahead.enabled=false. */
    private ReadAhead<Batch> readAhead;
    private FileTaskMetrics metrics;
    private Storage storage;
    private Completion completedFiles;
    /** Moves broken files into {@code file.error.dir}; null when it is not set. */
    private Completion brokenFiles;
    private long nextScanMillis;
    /** The keys of this task's files seen so far in a listing pass that takes several calls (a bucket's pages). */
    private final Set<String> seenThisPass = new HashSet<>();
    /** When the listing pass in progress began. */
    private long passStartMillis = -1;
    /** Files listed but not tracked yet, oldest first (see {@link #trackSome()}). */
    private final LinkedHashMap<String, StoredFile> untracked = new LinkedHashMap<>();
    /** The listed bytes of the plain files in {@link #untracked}: their lag, kept as they come and go. */
    private long untrackedBytes;
    /** Whether the stretched listing interval was logged (once per task: a big directory stays big). */
    private boolean listingStretchLogged;
    private long commitsChecked;
    private int rotation;
    private int listingFailures;

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
        } catch (ConnectException e) {
            throw e;
        } catch (RuntimeException e) {
            // a schema that cannot be used, or key/timestamp fields that are not in it
            throw new ConnectException("Cannot start: " + e.getMessage(), e);
        }
        registration = ValueSchemaRegistration.start(config, schema, config.connectorName() + "-" + slot);
        // last in start(), after everything that can fail: a task that fails to start leaves no MBean behind
        metrics = new FileTaskMetrics(props, slot, config.invalidRecordTopic().orElse(null), null);
        pipeline.countInto(metrics);
        storage = config.openStorage();
        completedFiles = storage.completion();
        brokenFiles = storage.errors().orElse(null);
        metrics.storage(storage::requests, storage::throttles);
        nextScanMillis = 0;
        readAhead = config.readAhead() ? new ReadAhead<>("schemafirst-read-ahead-" + config.connectorName()
                + "-" + slot.index()) : null;
        metrics.register();
        metrics.registerWithWorker(context);
        log.info("File source {} reading {} files matching '{}' in {}{} (identity {}) as {}", slot,
                config.format().configValue(), config.pattern(), storage.root(),
                config.recursive() ? " and its subdirectories" : "", config.identityDescription(),
                schema.map(s -> "records of the declared " + s.type().configValue() + " schema")
                        .orElse("strings"));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping || !registration.ready()) {
            return null;
        }
        // with read-ahead every read runs on the reading thread, the first and those after an idle poll too: poll()
        // waits for a listing or a mount at most MAX_WAIT_MILLIS, however long they take
        Batch batch = readAhead == null ? nextBatch() : readAhead.next(this::nextBatch, MAX_WAIT_MILLIS);
        if (batch == null) {
            return null; // still reading (a slow listing or mount): the worker gets control back meanwhile
        }
        if (!batch.records.isEmpty()) {
            if (readAhead != null) {
                readAhead.start(this::nextBatch); // read while the worker converts and sends this one
            }
            return batch.records;
        }
        long waitMillis = batch.idleUntilMillis - System.currentTimeMillis();
        if (waitMillis > 0) {
            // Nothing to read yet: wait without spinning, but never long, since the worker can only stop, pause or
            // rebalance this task once poll() returns (stop() also ends the wait on runtimes that call it
            // concurrently).
            stopRequested.await(Math.min(waitMillis, MAX_WAIT_MILLIS), TimeUnit.MILLISECONDS);
        }
        return null;
    }

    /**
     * Lists the directory when due, completes committed files and reads the next batch: on the read-ahead thread,
     * or on the task's thread with read.ahead.enabled=false.
     */
    private Batch nextBatch() {
        lock.lock();
        try {
            if (stopping) {
                return Batch.NONE;
            }
            long now = System.currentTimeMillis();
            if (now < nextScanMillis) {
                trackSome();
            } else {
                if (passStartMillis < 0) {
                    passStartMillis = now;
                }
                if (scan(now)) {
                    long interval = config.pollInterval().toMillis();
                    nextScanMillis = nextListingAt(passStartMillis, System.currentTimeMillis(), interval);
                    if (nextScanMillis - passStartMillis > interval && !listingStretchLogged) {
                        listingStretchLogged = true;
                        log.info("Listing {} took {} ms ({} files known): listing every {} ms instead of every {} "
                                + "ms (file.poll.interval.ms), so that listing does not crowd out reading",
                                storage.root(), (nextScanMillis - passStartMillis) / LISTING_TIME_FACTOR,
                                files.size(), nextScanMillis - passStartMillis, interval);
                    }
                    passStartMillis = -1;
                } // else the pass goes on in the next poll, after this one has read
            }
            completeCommittedFiles();
            List<SourceRecord> records;
            try {
                records = readBatch(readDeadline(now, System.currentTimeMillis()));
            } finally {
                updateFileMetrics();
            }
            pipeline.logInvalidRecordSummary();
            if (!records.isEmpty()) {
                return new Batch(records, 0);
            }
            long current = System.currentTimeMillis();
            if (hasFileToRead(current) || !untracked.isEmpty() || passStartMillis >= 0) {
                return Batch.NONE; // a file settled, the budget ran out, files wait to be tracked or listed
            }
            return new Batch(records, Math.min(current + MAX_WAIT_MILLIS, nextScanMillis));
        } finally {
            lock.unlock();
        }
    }

    /** What one read found: records for the worker, or none and until when nothing is expected to be read. */
    private static final class Batch {
        static final Batch NONE = new Batch(List.of(), 0);

        final List<SourceRecord> records;
        final long idleUntilMillis;

        Batch(List<SourceRecord> records, long idleUntilMillis) {
            this.records = records;
            this.idleUntilMillis = idleUntilMillis;
        }
    }

    /** Counts files by stage and the bytes not yet read, on the reading thread, for the metrics. */
    private void updateFileMetrics() {
        long reading = 0;
        long waiting = 0;
        long errored = 0;
        long notRead = 0;
        for (TrackedFile tracked : files.values()) {
            if (tracked.stage == TrackedFile.Stage.BROKEN || tracked.failures > 0) {
                errored++;
            } else if (tracked.stage == TrackedFile.Stage.READING) {
                if (tracked.reader() != null) {
                    reading++;
                } else {
                    waiting++;
                }
            }
            if (tracked.stage != TrackedFile.Stage.BROKEN && tracked.listedSize >= 0 && tracked.isPlain()) {
                notRead += Math.max(0, tracked.listedSize - tracked.position().byteOffset());
            }
        }
        notRead += untrackedBytes; // listed, not tracked yet: waiting
        metrics.files(files.size() + untracked.size(), reading, waiting + untracked.size(), errored, notRead);
    }

    /**
     * Reading stops {@value #READ_BUDGET_MILLIS} ms after the listing at the latest, and about a second after the
     * poll began when a listing (of a big directory, on a slow mount) took long; but always leaves a little time
     * to read, so a slow listing cannot stop all progress.
     */
    static long readDeadline(long pollStart, long afterListing) {
        long byPoll = Math.max(pollStart + MAX_WAIT_MILLIS, afterListing + MIN_READ_MILLIS);
        return Math.min(afterListing + READ_BUDGET_MILLIS, byPoll);
    }

    /**
     * When to list again: after {@code file.poll.interval.ms}, or later when the listing itself took long (a
     * directory of 100,000 files, a slow mount), so that listing takes at most about a tenth of the task's time and
     * never crowds out reading. New files are then found within ten listing times instead of one interval.
     */
    static long nextListingAt(long listingStart, long listingEnd, long intervalMillis) {
        long took = Math.max(0, listingEnd - listingStart);
        return listingStart + Math.max(intervalMillis, took * LISTING_TIME_FACTOR);
    }

    private boolean hasFileToRead(long now) {
        for (TrackedFile tracked : files.values()) {
            if (tracked.stage == TrackedFile.Stage.READING && tracked.retryAtMillis <= now) {
                return true;
            }
        }
        return false;
    }

    // ---- discovery ------------------------------------------------------------------------------------------

    /**
     * Lists (the next part of) the storage and starts tracking new files.
     *
     * @return whether the listing pass ended (or failed): the next one is then due after the poll interval
     */
    private boolean scan(long now) {
        Listing listing;
        try {
            listing = storage.list();
        } catch (IOException e) {
            listingFailures++;
            if (listingFailures == 1 || listingFailures % WARN_EVERY_FAILURES == 0) {
                log.warn("Cannot list {} ({} failed listings in a row): {}; trying again every {} ms", storage.root(),
                        listingFailures, e.toString(), config.pollInterval().toMillis());
            }
            seenThisPass.clear();
            return true;
        }
        if (listingFailures > 0) {
            log.info("Listed {} again after {} failed listings", storage.root(), listingFailures);
            listingFailures = 0;
        }
        Set<String> seen = seenThisPass;
        List<StoredFile> fresh = new ArrayList<>();
        for (StoredFile file : listing.files()) {
            if (!slot.owns(file.key())) {
                continue;
            }
            seen.add(file.key());
            TrackedFile tracked = files.get(file.key());
            if (tracked == null) {
                if (now - file.modifiedMillis() >= config.minAge().toMillis() && !untracked.containsKey(file.key())) {
                    fresh.add(file);
                }
            } else {
                update(tracked, file, now);
            }
        }
        if (listing.endOfPass()) {
            forgetVanished(seen);
            Iterator<StoredFile> pending = untracked.values().iterator();
            while (pending.hasNext()) {
                StoredFile file = pending.next();
                if (!seen.contains(file.key())) { // deleted or moved away before it was tracked
                    pending.remove();
                    untrackedBytes -= lagOf(file);
                }
            }
            seen.clear();
        }
        fresh.sort(Comparator.comparingLong(StoredFile::modifiedMillis));
        for (StoredFile file : fresh) {
            untracked.put(file.key(), file);
            untrackedBytes += lagOf(file);
        }
        trackSome();
        return listing.endOfPass();
    }

    /** What a listed file adds to the lag before it is tracked: its size when plain (a .gz's is not comparable). */
    private static long lagOf(StoredFile file) {
        return file.isCompressed() ? 0 : file.size();
    }
    /**
     * Starts tracking at most {@value #TRACK_PER_POLL} of the files found but not tracked yet, oldest first: looking
     * up the stored offsets of 100,000 new files at once would hold one poll for seconds. The rest follow in the
     * next polls, before any listing.
     */
    private void trackSome() {
        if (untracked.isEmpty()) {
            return;
        }
        List<StoredFile> batch = new ArrayList<>(Math.min(untracked.size(), TRACK_PER_POLL));
        Iterator<StoredFile> pending = untracked.values().iterator();
        while (pending.hasNext() && batch.size() < TRACK_PER_POLL) {
            StoredFile file = pending.next();
            batch.add(file);
            pending.remove();
            untrackedBytes -= lagOf(file);
        }
        track(batch);
    }

    private void update(TrackedFile tracked, StoredFile file, long now) {
        tracked.listedSize = file.size();
        StoredFile before = tracked.file();
        if (!before.location().equals(file.location())) {
            log.info("{} was renamed to {}; reading it on from {}", before, file, tracked.position());
        }
        tracked.update(file);
        if (file.etag() != null && !file.etag().equals(before.etag())) {
            log.info("{} was overwritten (ETag {}, read before as {}): reading the new object from its start after "
                    + "{} records of the old one", tracked, file.etag(), before.etag(), tracked.emitted);
            restart(tracked);
            return;
        }
        if (tracked.isPlain() && file.size() < tracked.position().byteOffset()) {
            log.warn("{} shrank to {} bytes, below the {} bytes already read: it was truncated or rewritten, "
                    + "reading it again from the start", tracked, file.size(), tracked.position().byteOffset());
            restart(tracked);
            return;
        }
        boolean changed = file.size() != tracked.sizeAtEnd || file.modifiedMillis() != tracked.modifiedAtEnd;
        if (tracked.stage == TrackedFile.Stage.AT_END) {
            if (changed) {
                tracked.stage = TrackedFile.Stage.READING; // it grew (or was touched): read on
                tracked.markedComplete = false;
            } else {
                settle(tracked, file.modifiedMillis(), now);
            }
        } else if (tracked.stage == TrackedFile.Stage.COMPLETING && changed) {
            readOnAfterChange(tracked);
        } else if (tracked.stage == TrackedFile.Stage.BROKEN && changed) {
            rereadIfRewritten(tracked, file);
        }
    }

    /** A broken file is read again only once it holds other bytes than those read before the break. */
    private void rereadIfRewritten(TrackedFile tracked, StoredFile file) {
        tracked.sizeAtEnd = file.size();
        tracked.modifiedAtEnd = file.modifiedMillis();
        try {
            // broken at its very start (a CSV header), any change may be the fix
            String differs = tracked.position().byteOffset() == 0 ? "changed after what was"
                    : differsFrom(file, tracked.fingerprintAt(tracked.position().byteOffset()), tracked.check(),
                            tracked.position(), file.etag());
            tracked.closeReader(); // drops the head bytes read for the check
            if (differs != null) {
                log.info("{} was broken and now {} read before: it was rewritten, reading it from the start", tracked,
                        differs);
                restart(tracked);
            }
        } catch (IOException e) {
            log.debug("Cannot check whether broken {} was rewritten: {}", tracked, e.toString());
        }
    }

    /** Reads the file again from its start: it holds other bytes than those read. */
    private void restart(TrackedFile tracked) {
        tracked.restart();
        tracked.markedComplete = storage.immutable();
    }

    private void readOnAfterChange(TrackedFile tracked) {
        log.warn("{} changed after it was read to its end and before it was {}d: reading on instead. Raise "
                + "file.min.age.ms above the pauses of its writer", tracked, completedFiles.action().configValue());
        tracked.stage = TrackedFile.Stage.READING;
        tracked.markedComplete = false;
    }

    /**
     * Forgets the files no longer listed. One still open is read to its end first, through its open descriptor
     * (a file rotated away or deleted mid-read keeps its bytes until closed): what was written is not lost.
     */
    private void forgetVanished(Set<String> seen) {
        List<TrackedFile> gone = new ArrayList<>();
        for (TrackedFile tracked : files.values()) {
            if (!seen.contains(tracked.key) && !tracked.vanished) {
                gone.add(tracked);
            }
        }
        for (TrackedFile tracked : gone) {
            if (tracked.reader() != null && tracked.stage == TrackedFile.Stage.READING) {
                log.info("{} is no longer in {} (moved away or deleted) while being read: reading it to its end "
                        + "from {} through the open file", tracked, storage.root(), tracked.position());
                tracked.vanished = true;
                tracked.reader().markComplete(); // no writer appends to a file rotated away for long
            } else {
                forget(tracked);
                log.info("{} is no longer in {} (moved away or deleted); stopped reading it at {}", tracked,
                        storage.root(), tracked.position());
            }
        }
    }

    private void forget(TrackedFile tracked) {
        files.remove(tracked.key);
        byKey.remove(tracked.key);
        tracked.closeReader();
    }

    /**
     * Starts tracking new files, resuming each from its stored offset (one offset store lookup for all). A file
     * without an offset under its identity may have one under the first version's {@code dev:ino} name: it resumes from
     * there, and its next offsets are stored under the new name.
     */
    private void track(List<StoredFile> fresh) {
        List<Map<String, Object>> partitions = new ArrayList<>(fresh.size() * 2);
        for (StoredFile file : fresh) {
            partitions.add(FileOffset.partition(file.key()));
            if (file.legacyKey() != null) {
                partitions.add(FileOffset.partition(file.legacyKey()));
            }
        }
        Map<Map<String, Object>, Map<String, Object>> stored = storedOffsets(partitions);
        for (StoredFile file : fresh) {
            Map<String, Object> offset = stored.get(FileOffset.partition(file.key()));
            if (offset == null && file.legacyKey() != null) {
                offset = stored.get(FileOffset.partition(file.legacyKey()));
                if (offset != null) {
                    log.info("{} has no offset under its identity {} but one under its earlier identity {}: "
                            + "continuing from it", file, file.key(), file.legacyKey());
                }
            }
            FileOffset resumed = resumeOffset(file, offset);
            ReadPosition start = resumed == null ? ReadPosition.START : resumed.position();
            TrackedFile tracked = new TrackedFile(storage, file, start, resumed == null ? null : resumed.check());
            tracked.listedSize = file.size();
            // an object never grows: its last record is read at once, and it settles when read to its end
            tracked.markedComplete = storage.immutable();
            files.put(file.key(), tracked);
            byKey.put(file.key(), tracked);
            if (resumed != null && resumed.broken() != null) {
                tracked.stage = TrackedFile.Stage.BROKEN;
                tracked.broken = resumed.broken();
                log.info("{} was found broken before ({}); not reading it again while it holds the same bytes",
                        tracked, resumed.broken());
            }
            log.debug("Tracking {} from {}", tracked, start);
        }
    }

    private Map<Map<String, Object>, Map<String, Object>> storedOffsets(Collection<Map<String, Object>> partitions) {
        OffsetStorageReader reader = context.offsetStorageReader();
        Map<Map<String, Object>, Map<String, Object>> stored = reader == null ? null : reader.offsets(partitions);
        return stored == null ? Map.of() : stored;
    }

    /** The stored offset to resume from, or null to read the file from its start. */
    private FileOffset resumeOffset(StoredFile file, Map<String, Object> stored) {
        if (stored == null) {
            return null;
        }
        FileOffset offset;
        try {
            offset = FileOffset.fromMap(stored);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring the stored offset {} of {} ({}): {}; reading it from the start", stored, file,
                    file.key(), e.getMessage());
            return null;
        }
        if (!file.isCompressed() && file.size() < offset.position().byteOffset()) {
            log.warn("{} ({}) has {} bytes, fewer than the {} of its stored offset: it was truncated or rewritten; "
                    + "reading it from the start", file, file.key(), file.size(), offset.position().byteOffset());
            return null;
        }
        try {
            String differs = differsFrom(file, offset.head(), offset.check(), offset.position(), offset.etag());
            if (differs != null) {
                log.warn("{} ({}) {} its stored offset was taken over (last read as {}): its identity was reused by "
                        + "a new file, or it was rewritten; reading it from the start", file, file.key(), differs,
                        offset.path());
                return null;
            }
        } catch (IOException e) {
            log.warn("Cannot check the start of {}: {}; reading it from the start", file, e.toString());
            return null;
        }
        log.info("Resuming {} at {}", file, offset.position());
        return offset;
    }

    /**
     * Whether the file still holds the bytes an offset was taken over: for an object, the same ETag; for a file, its
     * first KiB and the bytes of the record before the position (files that reuse an inode often share their first
     * KiB: a CSV header, a sorted export).
     *
     * @param etag the ETag the offset was taken under; null when it has none (a file's, or a broken object's check)
     * @return how it differs, or null when it holds the same bytes
     */
    private String differsFrom(StoredFile file, HeadFingerprint head, ResumeCheck check, ReadPosition position,
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

    // ---- reading --------------------------------------------------------------------------------------------

    /**
     * Reads up to {@code batch.max.records} records from the files that are due. The open files come first,
     * starting with a different one each poll so one busy file cannot starve the others; then, while fewer than
     * {@code file.max.open.files} are open, the waiting files, oldest first.
     */
    private List<SourceRecord> readBatch(long deadline) {
        int max = config.batchMaxRecords();
        List<SourceRecord> batch = new ArrayList<>(Math.min(max, 1024));
        List<TrackedFile> open = new ArrayList<>();
        List<TrackedFile> waiting = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (TrackedFile tracked : files.values()) {
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
            if (batch.size() >= max || System.currentTimeMillis() >= deadline || stopping) {
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
                if ((n & 0xff) == 0 && (System.currentTimeMillis() >= deadline || stopping)) {
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
                    : differsFrom(tracked.file(), tracked.fingerprintAt(tracked.position().byteOffset()),
                            tracked.check(), tracked.position(), null);
            if (differs != null) {
                log.warn("{} {} read before: it was rewritten; reading it again from the start", tracked, differs);
                restart(tracked);
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
                brokenFiles == null ? "; it stays in place and is not read again while unchanged"
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
            forget(tracked);
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

    // ---- completion -----------------------------------------------------------------------------------------

    /**
     * Runs the completion action on every file read to its end, and moves broken files into
     * {@code file.error.dir}, once the last emitted record's offset is in the offset store.
     */
    private void completeCommittedFiles() {
        if (completedFiles.action() == CompletionAction.NONE && brokenFiles == null) {
            return; // nothing is ever moved or deleted: no need to look at every known file on every poll
        }
        List<TrackedFile> ready = new ArrayList<>();
        List<TrackedFile> waiting = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (TrackedFile tracked : files.values()) {
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
            restart(tracked);
            return false;
        }
        if (now.size() == tracked.sizeAtEnd && now.modifiedMillis() == tracked.modifiedAtEnd) {
            return true;
        }
        readOnAfterChange(tracked);
        return false;
    }

    private void finish(TrackedFile tracked, Completion action, String description) {
        try {
            action.complete(tracked.file(), description);
            forget(tracked);
            metrics.completed();
        } catch (IOException e) {
            tracked.failures++;
            long delay = config.retryBackoffMax().toMillis();
            tracked.retryAtMillis = System.currentTimeMillis() + delay;
            log.error("Cannot {} {} after reading it: {}; trying again in {} ms", action.action().configValue(),
                    tracked.file(), e.toString(), delay);
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Object key = record.sourcePartition() == null ? null : record.sourcePartition().get(FileOffset.FILE_KEY);
        TrackedFile tracked = key == null ? null : byKey.get(key.toString());
        if (tracked != null) {
            tracked.acked.incrementAndGet();
        }
        FileTaskMetrics taskMetrics = metrics;
        if (taskMetrics != null) {
            taskMetrics.written(record);
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
        if (storage != null) {
            storage.abort(); // a GET that hangs must not hold the lock below
        }
        if (readAhead != null) {
            readAhead.close(); // its batch was never handed over: its records are read again from the offsets
        }
        lock.lock(); // waits for a poll in progress, so readers are never closed under it
        try {
            for (TrackedFile tracked : files.values()) {
                tracked.closeReader();
            }
        } finally {
            lock.unlock();
            if (registration != null) {
                registration.close();
            }
            closeStorage();
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    private void closeStorage() {
        if (storage != null) {
            try {
                storage.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing {} failed", storage.root(), e);
            }
        }
    }
}
