package io.github.schemafirst.connect.file.storage.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What names a file across tasks, workers and restarts ({@code file.identity}); the name is the file's source
 * partition, and tasks share files by hashing it ({@link TaskSlot}), so every worker must compute the same name for
 * the same file.
 *
 * <ul>
 *   <li>{@link #INODE} ({@code ino:<n>}): the inode number alone. A renamed file keeps it, and on network file
 *       systems (NFS, EFS, CephFS, SMB) it is the server's number, the same on every host, unlike the device
 *       number, which each host assigns to its own mount. Needs one file system under {@code file.path}.
 *   <li>{@link #PATH} ({@code path:<relative path>}): the path below {@code file.path}. Works on any storage, but
 *       a renamed file is a new file (read again from its start).
 *   <li>{@link #DEVICE_INODE} ({@code <dev>:<ino>}): device and inode, the identity of the first version. Exact
 *       on one host across several file systems, wrong on shared storage.
 * </ul>
 *
 * Inodes are reused once a file is deleted; the head fingerprint and resume check of each offset guard against that.
 * Where the platform has no inode numbers (no "unix" attribute view) every mode falls back to the path.
 */
public enum FileIdentity {
    INODE,
    PATH,
    DEVICE_INODE;

    /** The value users write in the config: {@code inode}, {@code path}, {@code device-inode}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FileIdentity fromConfigValue(String value) {
        for (FileIdentity identity : values()) {
            if (identity.configValue().equalsIgnoreCase(value.trim())) {
                return identity;
            }
        }
        throw new IllegalArgumentException("unknown file identity: " + value);
    }

    /**
     * The names of one file: the one its offsets are stored under, and the first version's {@code dev:ino} name its offsets
     * may still be stored under (null when that is the same, or unknown).
     */
    public static final class Names {
        final String key;
        final String legacyKey;

        Names(String key, String legacyKey) {
            this.key = key;
            this.legacyKey = legacyKey;
        }
    }

    /** Reads the inode (and device) of {@code file} when this mode needs them: one {@code stat}. */
    Names of(Path file, String relativePath) {
        String byPath = "path:" + relativePath;
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(file, "unix:dev,ino");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return new Names(byPath, null); // no inode numbers here (or the file vanished): the path is all there is
        }
        Object dev = unix.get("dev");
        Object ino = unix.get("ino");
        if (dev == null || ino == null) {
            return new Names(byPath, null);
        }
        String legacy = dev + ":" + ino;
        switch (this) {
            case INODE:
                return new Names("ino:" + ino, legacy);
            case PATH:
                return new Names(byPath, legacy);
            case DEVICE_INODE:
            default:
                return new Names(legacy, null);
        }
    }
}
