package io.github.schemafirst.connect.file.storage.local;

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
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the files of {@code file.path} that may hold records: regular files whose name matches the pattern, not
 * hidden (a writer's {@code .name} in progress), not under hidden directories, {@code file.completed.dir} or
 * {@code file.error.dir}; in subdirectories only when recursive. Oldest first, so files are read in the order they
 * arrived. Each file is named by its {@link FileIdentity}.
 */
final class FileScanner {
    private static final Logger log = LoggerFactory.getLogger(FileScanner.class);

    /** A path's identity as last computed, valid while the path still holds the same file (same file key). */
    private static final class KnownName {
        final Object fileKey;
        final FileIdentity.Names names;

        KnownName(Object fileKey, FileIdentity.Names names) {
            this.fileKey = fileKey;
            this.names = names;
        }
    }

    private final Path root;
    private final PathMatcher names;
    private final boolean recursive;
    private final Set<Path> excluded = new HashSet<>();
    private final FileIdentity identity;
    /**
     * Names computed by earlier listings. The listing's own attributes carry the file key ({@code dev,ino} on
     * Unix) at no extra cost; while it is unchanged the name is too, so a known file costs no second {@code stat}
     * (which matters on network mounts with thousands of files).
     */
    private Map<Path, KnownName> known = new HashMap<>();
    private boolean warnedOfSharedInodes;

    FileScanner(Path root, PathMatcher names, boolean recursive, Collection<Path> excluded, FileIdentity identity) {
        this.root = root.toAbsolutePath().normalize();
        this.names = names;
        this.recursive = recursive;
        for (Path dir : excluded) {
            this.excluded.add(dir.toAbsolutePath().normalize());
        }
        this.identity = identity;
    }

    Path root() {
        return root;
    }

    /** @throws IOException when the directory itself cannot be listed */
    List<LocalFile> scan() throws IOException {
        List<LocalFile> found = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Map<Path, KnownName> stillKnown = new HashMap<>();
        int depth = recursive ? Integer.MAX_VALUE : 1;
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                boolean skip = isHidden(dir) || excluded.contains(dir);
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !isHidden(file) && names.matches(file.getFileName())) {
                    FileIdentity.Names fileNames = nameOf(file, attrs);
                    stillKnown.put(file, new KnownName(attrs.fileKey(), fileNames));
                    // a hard link is the same file under two names: read it once
                    if (keys.add(fileNames.key)) {
                        found.add(new LocalFile(file, root.relativize(file), fileNames, attrs.size(),
                                attrs.lastModifiedTime().toMillis()));
                    } else {
                        warnIfNotAHardLink(file, fileNames, found);
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
        known = stillKnown;
        found.sort(Comparator.comparingLong(LocalFile::modifiedMillis).thenComparing(LocalFile::path));
        return found;
    }

    /**
     * Two paths with one identity are one file (a hard link) unless they are on different file systems, where
     * inode numbers repeat: then {@code file.identity=inode} cannot tell them apart and one would never be read.
     */
    private void warnIfNotAHardLink(Path file, FileIdentity.Names names, List<LocalFile> found) {
        if (warnedOfSharedInodes || names.legacyKey == null || identity != FileIdentity.INODE) {
            return;
        }
        for (LocalFile other : found) {
            if (other.key().equals(names.key) && !names.legacyKey.equals(other.legacyKey())) {
                warnedOfSharedInodes = true;
                log.warn("{} and {} have the same inode number on different file systems: with file.identity=inode "
                        + "only one of them is read. Keep {} on one file system, or use file.identity=path",
                        other.path(), file, root);
                return;
            }
        }
    }

    private FileIdentity.Names nameOf(Path file, BasicFileAttributes attrs) {
        KnownName last = known.get(file);
        Object fileKey = attrs.fileKey();
        if (last != null && fileKey != null && fileKey.equals(last.fileKey)) {
            return last.names;
        }
        return identity.of(file, root.relativize(file).toString().replace('\\', '/'));
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
