package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.file.read.ReadPosition;
import io.github.schemafirst.connect.file.storage.Listing;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StorageAccessException;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the task's files and keeps what it knows of them current: lists the storage, starts tracking new files
 * from their stored offsets (after checking the offset still belongs to the bytes there), follows renamed, grown,
 * truncated, rewritten and overwritten files, and forgets vanished ones once a listing pass is complete.
 */
final class FileDiscovery {
    private static final Logger log = LoggerFactory.getLogger(FileDiscovery.class);
    /** The most files one poll starts tracking (a stored-offset lookup each). */
    static final int TRACK_PER_POLL = 5_000;
    /** A failed listing's warning is repeated every this many failures, not on each. */
    private static final int WARN_EVERY_FAILURES = 10;

    private final FileSourceConfig config;
    private final Storage storage;
    private final TaskSlot slot;
    private final TrackedFiles files;
    private final FileStages stages;
    private final StoredOffsets offsets;
    /** The keys of this task's files seen so far in a listing pass that takes several calls (a bucket's pages). */
    private final Set<String> seenThisPass = new HashSet<>();
    /** Files listed but not tracked yet, oldest first (see {@link #trackSome()}). */
    private final LinkedHashMap<String, StoredFile> untracked = new LinkedHashMap<>();
    /** The listed bytes of the plain files in {@link #untracked}: their lag, kept as they come and go. */
    private long untrackedBytes;
    private int listingFailures;

    FileDiscovery(FileSourceConfig config, Storage storage, TaskSlot slot, TrackedFiles files, FileStages stages,
            StoredOffsets offsets) {
        this.config = config;
        this.storage = storage;
        this.slot = slot;
        this.files = files;
        this.stages = stages;
        this.offsets = offsets;
    }

    /** Files listed but not tracked yet. */
    int untrackedCount() {
        return untracked.size();
    }

    /** The bytes of the plain files listed but not tracked yet. */
    long untrackedBytes() {
        return untrackedBytes;
    }

    /**
     * Lists (the next part of) the storage and starts tracking new files.
     *
     * @return whether the listing pass ended (or failed): the next one is then due after the poll interval
     */
    boolean scan(long now) {
        Listing listing;
        try {
            listing = storage.list();
        } catch (StorageAccessException e) {
            throw new ConnectException("Cannot list " + storage.root() + ": " + e.getMessage(), e);
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
    void trackSome() {
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
            stages.restart(tracked);
            return;
        }
        if (tracked.isPlain() && file.size() < tracked.position().byteOffset()) {
            log.warn("{} shrank to {} bytes, below the {} bytes already read: it was truncated or rewritten, "
                    + "reading it again from the start", tracked, file.size(), tracked.position().byteOffset());
            stages.restart(tracked);
            return;
        }
        boolean changed = file.size() != tracked.sizeAtEnd || file.modifiedMillis() != tracked.modifiedAtEnd;
        if (tracked.stage == TrackedFile.Stage.AT_END) {
            if (changed) {
                tracked.stage = TrackedFile.Stage.READING; // it grew (or was touched): read on
                tracked.markedComplete = false;
            } else {
                stages.settle(tracked, file.modifiedMillis(), now);
            }
        } else if (tracked.stage == TrackedFile.Stage.COMPLETING && changed) {
            stages.readOnAfterChange(tracked);
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
                    : stages.differsFrom(file, tracked.fingerprintAt(tracked.position().byteOffset()), tracked.check(),
                            tracked.position(), file.etag());
            tracked.closeReader(); // drops the head bytes read for the check
            if (differs != null) {
                log.info("{} was broken and now {} read before: it was rewritten, reading it from the start", tracked,
                        differs);
                stages.restart(tracked);
            }
        } catch (IOException e) {
            log.debug("Cannot check whether broken {} was rewritten: {}", tracked, e.toString());
        }
    }

    /**
     * Forgets the files no longer listed. One still open is read to its end first, through its open descriptor
     * (a file rotated away or deleted mid-read keeps its bytes until closed): what was written is not lost.
     */
    private void forgetVanished(Set<String> seen) {
        List<TrackedFile> gone = new ArrayList<>();
        for (TrackedFile tracked : files.all()) {
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
                files.forget(tracked);
                log.info("{} is no longer in {} (moved away or deleted); stopped reading it at {}", tracked,
                        storage.root(), tracked.position());
            }
        }
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
        Map<Map<String, Object>, Map<String, Object>> stored = offsets.lookup(partitions);
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
            files.add(tracked);
            if (resumed != null && resumed.broken() != null) {
                tracked.stage = TrackedFile.Stage.BROKEN;
                tracked.broken = resumed.broken();
                log.info("{} was found broken before ({}); not reading it again while it holds the same bytes",
                        tracked, resumed.broken());
            }
            log.debug("Tracking {} from {}", tracked, start);
        }
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
            String differs = stages.differsFrom(file, offset.head(), offset.check(), offset.position(), offset.etag());
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
}
