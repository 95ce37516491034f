package io.github.schemafirst.connect.file.storage.s3;

import io.github.schemafirst.connect.file.read.ByteSource;
import io.github.schemafirst.connect.file.storage.Completion;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.Listing;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StorageAccessException;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bucket prefix ({@code file.path=s3://bucket/prefix/}) as a file task's storage. Listing goes page by page
 * (ListObjectsV2 with start-after), at most {@value #PAGES_PER_LIST} pages per call, so a bucket of a million
 * objects never holds up a poll; objects are read with ranged GETs pinned to their ETag; completion copies and
 * deletes within the bucket.
 *
 * <p>Like a directory listing, keys that end in '/' (folder markers), hidden names (a last segment starting with
 * '.') and the completed and error prefixes are skipped, and {@code file.pattern} is matched against the last
 * segment of the key.
 */
public final class S3Storage implements Storage {
    /** Pages one call to {@link #list()} reads: up to 10,000 keys, a few hundred milliseconds on S3. */
    static final int PAGES_PER_LIST = 10;

    private final S3Bucket bucket;
    private final S3Location root;
    /** The part of the prefix up to its last '/': names below it are what records' positions show. */
    private final String nameBase;
    private final PathMatcher names;
    private final boolean recursive;
    private final int pageSize;
    private final List<String> excludedPrefixes = new ArrayList<>();
    private final Completion completion;
    private final Completion errors;
    /** Where the listing pass in progress goes on; null at the start of a pass. */
    private String startAfter;

    /**
     * @param completedTo where {@code action} move puts objects (same bucket); null otherwise
     * @param errorTo     where broken objects go (same bucket); null to leave them in place
     */
    public S3Storage(S3Bucket bucket, S3Location root, PathMatcher names, boolean recursive, int pageSize,
            CompletionAction action, S3Location completedTo, S3Location errorTo) {
        this.bucket = bucket;
        this.root = root;
        this.nameBase = root.prefix().substring(0, root.prefix().lastIndexOf('/') + 1);
        this.names = names;
        this.recursive = recursive;
        this.pageSize = pageSize;
        if (completedTo != null) {
            excludedPrefixes.add(completedTo.prefix());
        }
        if (errorTo != null) {
            excludedPrefixes.add(errorTo.prefix());
        }
        this.completion = new S3Completion(bucket, action, completedTo);
        this.errors = errorTo == null ? null : new S3Completion(bucket, CompletionAction.MOVE, errorTo);
    }

    @Override
    public String root() {
        return root.uri(root.prefix());
    }

    @Override
    public Listing list() throws IOException {
        List<StoredFile> found = new ArrayList<>();
        for (int page = 0; page < PAGES_PER_LIST; page++) {
            ListPage listed;
            try {
                listed = bucket.list(root.prefix(), startAfter, recursive, pageSize);
            } catch (S3AccessException e) {
                throw new StorageAccessException(e.getMessage(), e);
            }
            for (S3ObjectEntry entry : listed.entries()) {
                if (isCandidate(entry.key())) {
                    found.add(fileOf(entry));
                }
            }
            if (!listed.truncated() || listed.lastKey() == null) {
                startAfter = null;
                return new Listing(found, true);
            }
            startAfter = listed.lastKey();
        }
        return new Listing(found, false);
    }

    private boolean isCandidate(String key) {
        if (key.endsWith("/") || !key.startsWith(root.prefix())) {
            return false;
        }
        for (String excluded : excludedPrefixes) {
            if (!excluded.isEmpty() && key.startsWith(excluded)) {
                return false;
            }
        }
        String name = key.substring(nameBase.length());
        for (String segment : name.split("/")) {
            if (segment.startsWith(".")) {
                return false; // hidden, as a directory listing skips it: an upload tool's temporary object
            }
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        try {
            return names.matches(Paths.get(last));
        } catch (InvalidPathException e) {
            return false; // a key no local file could be named: no glob can be meant to match it
        }
    }

    private S3File fileOf(S3ObjectEntry entry) {
        return new S3File(root.uri(entry.key()), entry.key(), entry.key().substring(nameBase.length()), entry.size(),
                entry.lastModified(), entry.eTag());
    }

    @Override
    public boolean immutable() {
        return true;
    }

    @Override
    public StoredFile refresh(StoredFile file) throws IOException {
        S3File object = (S3File) file;
        Optional<S3ObjectEntry> now = bucket.head(object.objectKey());
        if (now.isEmpty()) {
            throw new NoSuchFileException(object.location());
        }
        return fileOf(now.get());
    }

    @Override
    public ByteSource open(StoredFile file) {
        return new S3ObjectSource(bucket, (S3File) file);
    }

    @Override
    public byte[] read(StoredFile file, long from, int length) throws IOException {
        S3File object = (S3File) file;
        if (length <= 0 || from >= object.size()) {
            return new byte[0];
        }
        try {
            return bucket.read(object.objectKey(), object.etag(), from, (int) Math.min(length, object.size() - from));
        } catch (S3ObjectChangedException e) {
            throw S3ObjectSource.changed(object, e);
        }
    }

    @Override
    public Completion completion() {
        return completion;
    }

    @Override
    public Optional<Completion> errors() {
        return Optional.ofNullable(errors);
    }

    @Override
    public long requests() {
        return bucket.requests();
    }

    @Override
    public long throttles() {
        return bucket.throttles();
    }

    @Override
    public void abort() {
        bucket.abortAll();
    }

    @Override
    public void close() throws IOException {
        bucket.close();
    }
}
