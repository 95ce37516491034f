package io.github.schemafirst.connect.file.storage.local;

import io.github.schemafirst.connect.file.storage.StoredFile;
import java.nio.file.Path;

/** A file in a local or mounted directory: named by its {@link FileIdentity}, reached by its path. */
final class LocalFile extends StoredFile {
    private final Path path;
    private final Path relative;

    LocalFile(Path path, Path relative, FileIdentity.Names names, long size, long modifiedMillis) {
        super(names.key, names.legacyKey, path.toString(), relative.toString().replace('\\', '/'), size,
                modifiedMillis, null);
        this.path = path;
        this.relative = relative;
    }

    Path path() {
        return path;
    }

    /** The path below {@code file.path}, kept when the file is moved to the completed or error directory. */
    Path relative() {
        return relative;
    }
}
