package io.github.schemafirst.connect.file.storage.local;

import io.github.schemafirst.connect.file.storage.Completion;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code file.completed.action} on a file whose records are all committed (or moves a broken file into
 * {@code file.error.dir}). A moved file keeps its path relative to {@code file.path}, so files of the same name in
 * different subdirectories never meet, and it never overwrites a file already there.
 */
final class CompletedFiles implements Completion {
    private static final Logger log = LoggerFactory.getLogger(CompletedFiles.class);
    private static final int MAX_SUFFIX = 10_000;

    private final CompletionAction action;
    private final Path completedDir;

    CompletedFiles(CompletionAction action, Path completedDir) {
        this.action = action;
        this.completedDir = completedDir;
    }

    @Override
    public CompletionAction action() {
        return action;
    }

    @Override
    public String complete(StoredFile stored, String description) throws IOException {
        LocalFile local = (LocalFile) stored;
        return complete(local.path(), local.relative(), description).toString();
    }

    /**
     * @param relative the file's path relative to {@code file.path}
     * @return where a moved file went; the file itself when deleted or left alone
     */
    private Path complete(Path file, Path relative, String description) throws IOException {
        switch (action) {
            case DELETE:
                Files.deleteIfExists(file);
                log.info("Deleted {}: {}", file, description);
                return file;
            case MOVE:
                Path target = move(file, relative);
                log.info("Moved {} to {}: {}", file, target, description);
                return target;
            case NONE:
            default:
                return file;
        }
    }

    /** Keeps the name; when taken, inserts -1, -2, ... before the extension so no completed file is overwritten. */
    private Path move(Path file, Path relative) throws IOException {
        Path parent = relative.getParent() == null ? completedDir : completedDir.resolve(relative.getParent());
        Files.createDirectories(parent);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int suffix = 0; suffix < MAX_SUFFIX; suffix++) {
            Path target = parent.resolve(suffix == 0 ? name : base + "-" + suffix + extension);
            try {
                // Claim the name first (O_EXCL): rename(2) would silently replace a file another task moved there
                // a moment before. Then the move replaces only our own empty placeholder.
                Files.createFile(target);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                try {
                    return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    // another file system: copy and delete
                    return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        }
        throw new IOException("no free name for " + name + " in " + parent);
    }
}
