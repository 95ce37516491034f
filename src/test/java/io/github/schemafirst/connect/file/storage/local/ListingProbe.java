package io.github.schemafirst.connect.file.storage.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * The file connector's own listing ({@link FileScanner}, as a task builds it: not recursive, no excluded
 * directories, inode identity) for code outside this package, e.g. a benchmark timing one listing of a big
 * directory. The first {@link #list()} reads each file's identity (one {@code stat} per file, as a task's first
 * listing does); later ones reuse it for unchanged files, as a task's periodic listings do.
 */
public final class ListingProbe {

    private final FileScanner scanner;

    public ListingProbe(Path directory, String pattern) {
        scanner = new FileScanner(directory, FileSystems.getDefault().getPathMatcher("glob:" + pattern), false, List.of(), FileIdentity.INODE);
    }

    /** Lists the directory once; returns how many files a task would consider reading. */
    public int list() throws IOException {
        return scanner.scan().size();
    }
}
