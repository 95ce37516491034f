package io.github.schemafirst.connect.file.storage.s3;

import java.util.List;

/**
 * One ListObjectsV2 answer: at most {@code maxKeys} objects in key order, whether more follow, and the key to list
 * after next time. A page at a time, so that a source can list a bucket of millions of objects a little per poll
 * and remember where it stopped.
 */
public final class ListPage {
    private final List<S3ObjectEntry> entries;
    private final boolean truncated;
    private final String lastKey;

    public ListPage(List<S3ObjectEntry> entries, boolean truncated, String lastKey) {
        this.entries = List.copyOf(entries);
        this.truncated = truncated;
        this.lastKey = lastKey;
    }

    /** The objects of this page, in key order (UTF-8 binary order, as S3 sorts). */
    public List<S3ObjectEntry> entries() {
        return entries;
    }

    /** Whether S3 has more keys after this page. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * The {@code startAfter} for the next page, or null when the page was empty. Usually the last entry's key; in a
     * non-recursive listing whose page ends with a "directory", a key just past that directory, so that the next
     * page does not roll the same directory up again (see {@link S3Bucket#list}).
     */
    public String lastKey() {
        return lastKey;
    }

    @Override
    public String toString() {
        return "ListPage{entries=" + entries.size() + ", truncated=" + truncated + ", lastKey=" + lastKey + "}";
    }
}
