package io.github.schemafirst.connect.file;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files of {@code file.path} that may hold records: regular files whose name matches the pattern, not
 * hidden (a writer's {@code .name} in progress), not under hidden directories or {@code file.completed.dir}; in
 * subdirectories only when recursive. Oldest first, so files are read in the order they arrived.
 */
final class FileScanner {
    private static final Logger log = LoggerFactory.getLogger(FileScanner.class);

    /** One file as the scan saw it. */
    static final class FoundFile {
        final Path path;
        final String key;
        final long size;
        final long modifiedMillis;

        FoundFile(Path path, String key, long size, long modifiedMillis) {
            this.path = path;
            this.key = key;
            this.size = size;
            this.modifiedMillis = modifiedMillis;
        }
    }

    private final Path root;
    private final PathMatcher names;
    private final boolean recursive;
    private final Path excluded;

    FileScanner(Path root, PathMatcher names, boolean recursive, Optional<Path> excluded) {
        this.root = root.toAbsolutePath().normalize();
        this.names = names;
        this.recursive = recursive;
        this.excluded = excluded.map(p -> p.toAbsolutePath().normalize()).orElse(null);
    }

    Path root() {
        return root;
    }

    /** @throws IOException when the directory itself cannot be listed */
    List<FoundFile> scan() throws IOException {
        List<FoundFile> found = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int depth = recursive ? Integer.MAX_VALUE : 1;
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                boolean skip = isHidden(dir) || dir.equals(excluded);
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !isHidden(file) && names.matches(file.getFileName())) {
                    String key = FileIdentity.of(file, root, attrs);
                    // a hard link is the same file under two names: read it once
                    if (keys.add(key)) {
                        found.add(new FoundFile(file, key, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(root)) {
                    throw e;
                }
                if (!(e instanceof NoSuchFileException)) { // vanished while listing: not worth a warning
                    log.warn("Cannot read {} while listing {}: {}", file, root, e.toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparingLong((FoundFile f) -> f.modifiedMillis).thenComparing(f -> f.path));
        return found;
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
