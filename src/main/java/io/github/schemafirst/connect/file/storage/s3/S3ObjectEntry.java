package io.github.schemafirst.connect.file.storage.s3;

import java.util.Objects;

/**
 * One object as a listing or a HEAD describes it: what a source needs to decide whether to read it and to tell later
 * whether it is still the same object (the ETag).
 */
public final class S3ObjectEntry {
    private final String key;
    private final long size;
    private final String eTag;
    private final long lastModifiedMillis;

    /**
     * @param eTag the ETag as S3 sends it, with or without the surrounding quotes (they are stripped); may be null
     *             for stores that send none
     */
    public S3ObjectEntry(String key, long size, String eTag, long lastModifiedMillis) {
        this.key = Objects.requireNonNull(key, "key");
        this.size = size;
        this.eTag = unquote(eTag);
        this.lastModifiedMillis = lastModifiedMillis;
    }

    public String key() {
        return key;
    }

    public long size() {
        return size;
    }

    /** The ETag without quotes (S3 quotes it on the wire; comparing and storing it is simpler without), or null. */
    public String eTag() {
        return eTag;
    }

    public long lastModified() {
        return lastModifiedMillis;
    }

    static String unquote(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof S3ObjectEntry)) {
            return false;
        }
        S3ObjectEntry that = (S3ObjectEntry) other;
        return key.equals(that.key) && size == that.size && Objects.equals(eTag, that.eTag)
                && lastModifiedMillis == that.lastModifiedMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, size, eTag, lastModifiedMillis);
    }

    @Override
    public String toString() {
        return "S3ObjectEntry{key=" + key + ", size=" + size + ", eTag=" + eTag + ", lastModified=" + lastModifiedMillis
                + "}";
    }
}
