package io.github.schemafirst.connect.file.storage.local;

import io.github.schemafirst.connect.file.read.ByteSource;
import io.github.schemafirst.connect.file.read.FileChannelSource;
import io.github.schemafirst.connect.file.storage.Completion;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.Listing;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.StoredFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A local or mounted directory ({@code file.path}): listed whole by a {@link FileScanner}, files read through an
 * open channel (a file deleted while open can still be read to its end), completed by {@link CompletedFiles}.
 */
public final class LocalStorage implements Storage {
    private final FileScanner scanner;
    private final Completion completion;
    private final Completion errors;

    /**
     * @param completedDir where {@code action} move puts files; null otherwise
     * @param errorDir     where broken files go; null to leave them in place
     */
    public LocalStorage(Path root, PathMatcher names, boolean recursive, FileIdentity identity,
            CompletionAction action, Path completedDir, Path errorDir) {
        List<Path> excluded = new ArrayList<>();
        if (completedDir != null) {
            excluded.add(completedDir);
        }
        if (errorDir != null) {
            excluded.add(errorDir);
        }
        this.scanner = new FileScanner(root, names, recursive, excluded, identity);
        this.completion = new CompletedFiles(action, completedDir);
        this.errors = errorDir == null ? null : new CompletedFiles(CompletionAction.MOVE, errorDir);
    }

    @Override
    public String root() {
        return scanner.root().toString();
    }

    @Override
    public Listing list() throws IOException {
        return new Listing(new ArrayList<>(scanner.scan()), true);
    }

    @Override
    public boolean immutable() {
        return false;
    }

    /** Keeps the identity the listing found: a stat cannot tell a rewrite from a change, the fingerprints do. */
    @Override
    public StoredFile refresh(StoredFile file) throws IOException {
        LocalFile local = (LocalFile) file;
        BasicFileAttributes now = Files.readAttributes(local.path(), BasicFileAttributes.class);
        return new LocalFile(local.path(), local.relative(), new FileIdentity.Names(file.key(), file.legacyKey()),
                now.size(), now.lastModifiedTime().toMillis());
    }

    @Override
    public ByteSource open(StoredFile file) throws IOException {
        return FileChannelSource.open(((LocalFile) file).path(), file.name());
    }

    @Override
    public byte[] read(StoredFile file, long from, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(((LocalFile) file).path(), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, from + buffer.position()) <= 0) {
                    break;
                }
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
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
    public void abort() {
        // local reads do not hang on the network: a stopping task's poll ends within its read budget
    }

    @Override
    public void close() {
        // nothing held: open channels belong to the readers
    }
}
