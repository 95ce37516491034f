package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.ReadAhead;
import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.core.ValueSchemaRegistration;
import io.github.schemafirst.connect.core.Version;
import io.github.schemafirst.connect.file.storage.Listing;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** Reading time a poll keeps even after a slow listing. */
    static final long MIN_READ_MILLIS = 50;

    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicLong commits = new AtomicLong();
    private final TrackedFiles files = new TrackedFiles();

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
    private FileDiscovery discovery;
    private FileBatchReader reader;
    private FileCompletion completion;
    private long nextScanMillis;
    /** When the listing pass in progress began; -1 between passes. */
    private long passStartMillis = -1;
    /** Whether the stretched listing interval was logged (once per task: a big directory stays big). */
    private boolean listingStretchLogged;

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
        metrics.storage(storage::requests, storage::throttles);
        FileStages stages = new FileStages(config, storage);
        StoredOffsets offsets = this::storedOffsets;
        discovery = new FileDiscovery(config, storage, slot, files, stages, offsets);
        reader = new FileBatchReader(config, storage, pipeline, metrics, files, stages, () -> stopping);
        completion = new FileCompletion(config, storage, files, stages, offsets, metrics);
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
                discovery.trackSome();
            } else {
                if (passStartMillis < 0) {
                    passStartMillis = now;
                }
                if (discovery.scan(now)) {
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
            completion.completeCommittedFiles(commits.get());
            List<SourceRecord> records;
            try {
                records = reader.readBatch(readDeadline(now, System.currentTimeMillis()));
            } finally {
                updateFileMetrics();
            }
            pipeline.logInvalidRecordSummary();
            if (!records.isEmpty()) {
                return new Batch(records, 0);
            }
            long current = System.currentTimeMillis();
            if (hasFileToRead(current) || discovery.untrackedCount() > 0 || passStartMillis >= 0) {
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
        for (TrackedFile tracked : files.all()) {
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
        notRead += discovery.untrackedBytes(); // listed, not tracked yet: waiting
        int untracked = discovery.untrackedCount();
        metrics.files(files.size() + untracked, reading, waiting + untracked, errored, notRead);
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
        for (TrackedFile tracked : files.all()) {
            if (tracked.stage == TrackedFile.Stage.READING && tracked.retryAtMillis <= now) {
                return true;
            }
        }
        return false;
    }


    private Map<Map<String, Object>, Map<String, Object>> storedOffsets(Collection<Map<String, Object>> partitions) {
        OffsetStorageReader offsetReader = context.offsetStorageReader();
        Map<Map<String, Object>, Map<String, Object>> stored = offsetReader == null ? null
                : offsetReader.offsets(partitions);
        return stored == null ? Map.of() : stored;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Object key = record.sourcePartition() == null ? null : record.sourcePartition().get(FileOffset.FILE_KEY);
        TrackedFile tracked = key == null ? null : files.find(key.toString());
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
            files.closeAll();
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
