package io.github.schemafirst.connect.file;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@code file.completed.action} on a file whose records are all committed. */
final class CompletedFiles {
    private static final Logger log = LoggerFactory.getLogger(CompletedFiles.class);
    private static final int MAX_SUFFIX = 10_000;

    private final CompletionAction action;
    private final Path completedDir;

    CompletedFiles(CompletionAction action, Path completedDir) {
        this.action = action;
        this.completedDir = completedDir;
    }

    CompletionAction action() {
        return action;
    }

    /** @return where a moved file went; the file itself when deleted or left alone */
    Path complete(Path file, String description) throws IOException {
        switch (action) {
            case DELETE:
                Files.deleteIfExists(file);
                log.info("Deleted {}: {}", file, description);
                return file;
            case MOVE:
                Path target = move(file);
                log.info("Moved {} to {}: {}", file, target, description);
                return target;
            case NONE:
            default:
                return file;
        }
    }

    /** Keeps the name; when taken, inserts -1, -2, ... before the extension so no completed file is overwritten. */
    private Path move(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int suffix = 0; suffix < MAX_SUFFIX; suffix++) {
            Path target = completedDir.resolve(suffix == 0 ? name : base + "-" + suffix + extension);
            if (Files.exists(target)) {
                continue;
            }
            try {
                try {
                    return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    return Files.move(file, target); // another file system: copy and delete
                }
            } catch (FileAlreadyExistsException e) {
                // created between our check and the move: try the next name
            }
        }
        throw new IOException("no free name for " + name + " in " + completedDir);
    }
}
