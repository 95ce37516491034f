package io.github.schemafirst.connect.file.storage;

import java.util.List;

/**
 * What one call to {@link Storage#list()} found. A local directory is listed whole each time; a bucket in pages, so
 * that a million objects are never listed in one poll: {@link #endOfPass()} says this call reached the end, and only
 * then may files not seen during the pass be taken as gone.
 */
public final class Listing {
    private final List<StoredFile> files;
    private final boolean endOfPass;

    public Listing(List<StoredFile> files, boolean endOfPass) {
        this.files = List.copyOf(files);
        this.endOfPass = endOfPass;
    }

    public List<StoredFile> files() {
        return files;
    }

    public boolean endOfPass() {
        return endOfPass;
    }
}
