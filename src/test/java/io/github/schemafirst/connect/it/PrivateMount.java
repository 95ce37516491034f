package io.github.schemafirst.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A launch prefix ({@link WorkerProcess.Builder#launchPrefix}) that gives a child process a private mount namespace
 * in which one directory is bind-mounted over another path. Two workers launched this way with the same target but
 * different sources see "their own host's" mount at the same {@code file.path}, as two hosts mounting one network
 * share at the same place do. The bind mount lives and dies with the process; the test's own view of the target is
 * untouched.
 *
 * <p>Needs util-linux {@code unshare} and the right to create mount namespaces (root, {@code CAP_SYS_ADMIN}).
 */
public final class PrivateMount {

    private PrivateMount() {
    }

    /** Why processes cannot be given a private mount namespace here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        try {
            Process probe = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "true")
                    .redirectErrorStream(true).start();
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return Optional.of("'unshare --mount' did not finish within 30 s");
            }
            String output = new String(probe.getInputStream().readAllBytes()).trim();
            return probe.exitValue() == 0 ? Optional.empty()
                    : Optional.of("'unshare --mount --propagation private true' failed with exit code "
                            + probe.exitValue() + ": " + output);
        } catch (IOException e) {
            return Optional.of("cannot run unshare (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * The device ({@code major:minor}) mounted at {@code mountPoint} as process {@code pid} sees it, from
     * {@code /proc/<pid>/mountinfo}: the last mount on that path (the one on top).
     *
     * @throws AssertionError when nothing is mounted there in the process's namespace
     */
    public static String deviceAt(long pid, Path mountPoint) {
        Path mountInfo = Path.of("/proc", Long.toString(pid), "mountinfo");
        String device = null;
        try {
            for (String line : Files.readAllLines(mountInfo)) {
                // id parent major:minor root mount-point options ...
                String[] fields = line.split(" ");
                if (fields.length > 4 && fields[4].equals(mountPoint.toString())) {
                    device = fields[2];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mountInfo, e);
        }
        if (device == null) {
            throw new AssertionError("nothing is mounted on " + mountPoint + " in the mount namespace of process " + pid);
        }
        return device;
    }

    /** A device number as Java's {@code unix:dev} gives it ({@code st_dev}), as {@code major:minor}. */
    public static String majorMinor(Object stDev) {
        long dev = ((Number) stDev).longValue();
        // glibc's gnu_dev_major / gnu_dev_minor
        long major = ((dev & 0x00000000000fff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
        long minor = (dev & 0x00000000000000ffL) | ((dev & 0x00000ffffff00000L) >>> 12);
        return major + ":" + minor;
    }

    /**
     * The prefix: {@code unshare} enters a new mount namespace (private propagation, so nothing leaks back),
     * {@code sh} bind-mounts {@code source} on {@code target} and then {@code exec}s the command appended after the
     * prefix. Neither forks: the process started is, in the end, the command itself (same pid).
     */
    public static List<String> commandPrefix(Path source, Path target) {
        return List.of("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", "mount --bind \"$1\" \"$2\" || { echo \"cannot bind-mount $1 on $2\" >&2; exit 1; }; "
                        + "shift 2; exec \"$@\"",
                "private-mount", source.toString(), target.toString());
    }
}
