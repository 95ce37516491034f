package io.github.schemafirst.connect.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * What names a file across renames: on Unix-like systems its device and inode ({@code dev:ino}), elsewhere the
 * file system's own file key when it has one, and as a last resort its path relative to {@code file.path} (then a
 * renamed file is a new file). Identities are reused once a file is deleted; {@link HeadFingerprint} guards
 * against that.
 */
final class FileIdentity {
    private FileIdentity() {
    }

    static String of(Path file, Path root, BasicFileAttributes attributes) {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:dev,ino");
            Object dev = unix.get("dev");
            Object ino = unix.get("ino");
            if (dev != null && ino != null) {
                return dev + ":" + ino;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // no "unix" attribute view on this platform: fall through
        }
        Object key = attributes.fileKey();
        if (key != null) {
            return "key:" + key;
        }
        return "path:" + root.relativize(file).toString().replace('\\', '/');
    }
}
