package io.github.schemafirst.connect.file.storage;

import io.github.schemafirst.connect.file.read.FileInput;
import java.util.Objects;

/**
 * One file or object as a listing saw it: what names it across tasks and restarts ({@link #key()}, its source
 * partition), where it is, its size and time, and for objects their ETag. Immutable: a later listing gives a new
 * one. Each storage extends it with what it needs to reach the file again (a path, an object key).
 */
public class StoredFile {
    private final String key;
    private final String legacyKey;
    private final String location;
    private final String name;
    private final long size;
    private final long modifiedMillis;
    private final String etag;
    private final boolean compressed;

    /**
     * @param key            the identity offsets are stored under
     * @param legacyKey      an earlier identity its offsets may still be stored under; null when none
     * @param location       where it is, for logs: an absolute path or an {@code s3://bucket/key} URI
     * @param name           the name record positions show: the path below the watched directory or prefix
     * @param etag           the object's ETag; null for a local file
     */
    protected StoredFile(String key, String legacyKey, String location, String name, long size, long modifiedMillis,
            String etag) {
        this.key = Objects.requireNonNull(key, "key");
        this.legacyKey = legacyKey;
        this.location = Objects.requireNonNull(location, "location");
        this.name = Objects.requireNonNull(name, "name");
        this.size = size;
        this.modifiedMillis = modifiedMillis;
        this.etag = etag;
        this.compressed = FileInput.isCompressed(name);
    }

    public String key() {
        return key;
    }

    public String legacyKey() {
        return legacyKey;
    }

    public String location() {
        return location;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public long modifiedMillis() {
        return modifiedMillis;
    }

    /** The object's ETag: the same ETag under the same key is the same bytes. Null for a local file. */
    public String etag() {
        return etag;
    }

    /** Read decompressed ({@code .gz}): positions count decompressed bytes, not comparable with {@link #size()}. */
    public boolean isCompressed() {
        return compressed;
    }

    /** Whether {@code other} (a later listing of the same key) shows the same size, time and ETag. */
    public boolean sameVersionAs(StoredFile other) {
        return size == other.size && modifiedMillis == other.modifiedMillis && Objects.equals(etag, other.etag);
    }

    @Override
    public String toString() {
        return location;
    }
}
