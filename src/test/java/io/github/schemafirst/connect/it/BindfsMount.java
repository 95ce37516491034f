package io.github.schemafirst.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory mirrored at a second path through bindfs (FUSE): the same files with the same inode numbers, under a
 * device number ({@code st_dev}) of the mount's own. Two such mounts of one directory behave like one network share
 * (NFS, EFS) mounted on two hosts: the server's inode numbers, a device number per host and mount.
 *
 * <p>bindfs runs in the foreground as a child process of the test JVM; {@link #close()} unmounts with
 * {@code fusermount -u}, which ends it. Needs the {@code bindfs} and {@code fuse} packages, {@code /dev/fuse} and
 * the right to mount (root).
 */
public final class BindfsMount implements AutoCloseable {

    private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path source;
    private final Path mountPoint;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private BindfsMount(Path source, Path mountPoint, Process process, Path log) {
        this.source = source;
        this.mountPoint = mountPoint;
        this.process = process;
        this.log = log;
        // A test JVM that dies half way must not leave a mount behind.
        this.shutdownHook = new Thread(this::unmount, "unmount-" + mountPoint);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Why bindfs cannot mount here, or empty when it can: checks for {@code /dev/fuse} and the {@code bindfs}
     * command, then mounts and unmounts an empty directory (a container may deny the mount itself).
     */
    public static Optional<String> unavailableReason() {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return Optional.of("/dev/fuse does not exist (no FUSE in this kernel or container)");
        }
        try {
            Process probe = new ProcessBuilder("bindfs", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                return Optional.of("'bindfs --version' failed");
            }
        } catch (IOException e) {
            return Optional.of("bindfs is not installed (Debian: apt-get install -y bindfs): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        Path trial = null;
        try {
            trial = Files.createTempDirectory("bindfs-trial");
            Path source = Files.createDirectory(trial.resolve("source"));
            Path mountPoint = Files.createDirectory(trial.resolve("mount"));
            mount(source, mountPoint).close();
            return Optional.empty();
        } catch (IOException | IllegalStateException e) {
            return Optional.of("a trial bindfs mount failed: " + e.getMessage());
        } finally {
            deleteTrial(trial);
        }
    }

    private static void deleteTrial(Path trial) {
        if (trial == null) {
            return;
        }
        try {
            Files.deleteIfExists(trial.resolve("mount"));
            Files.deleteIfExists(trial.resolve("source"));
            Files.deleteIfExists(trial);
        } catch (IOException e) {
            // a mount that did not go away: left for the OS's temp cleanup, reported by the failed trial
        }
    }

    /**
     * Mounts {@code source} on {@code mountPoint} (an existing, empty directory) and waits until the mount is there.
     *
     * @throws IllegalStateException with bindfs's output when it cannot mount
     */
    public static BindfsMount mount(Path source, Path mountPoint) {
        Path log = SchemaRegistryProcess.logDirectory().resolve("bindfs-" + COUNTER.incrementAndGet() + ".log");
        Object deviceBefore = device(mountPoint);
        Process process;
        try {
            Files.deleteIfExists(log);
            // -f: stay in the foreground, a child of this JVM; use_ino: keep the source's inode numbers (bindfs's
            // default since 1.12, spelled out because the test depends on it).
            process = new ProcessBuilder("bindfs", "-f", "-o", "use_ino", source.toString(), mountPoint.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bindfs: " + e.getMessage(), e);
        }
        BindfsMount mount = new BindfsMount(source, mountPoint, process, log);
        long deadline = System.nanoTime() + MOUNT_TIMEOUT.toNanos();
        // Mounted once the mount point's device number is no longer that of the directory underneath.
        while (deviceBefore.equals(device(mountPoint))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                mount.close();
                throw new IllegalStateException("bindfs did not mount " + source + " on " + mountPoint
                        + (process.isAlive() ? " within " + MOUNT_TIMEOUT : " (exit code " + process.exitValue() + ")")
                        + ": " + readLog(log));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                mount.close();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return mount;
    }

    /** The directory mirrored. */
    public Path source() {
        return source;
    }

    /** Where it is mirrored. */
    public Path mountPoint() {
        return mountPoint;
    }

    /** {@code st_dev} of a file, as Java's {@code unix:dev} attribute (what the connector sees). */
    public static Object device(Path file) {
        return attribute(file, "unix:dev");
    }

    /** {@code st_ino} of a file, as Java's {@code unix:ino} attribute. */
    public static Object inode(Path file) {
        return attribute(file, "unix:ino");
    }

    /** Unmounts; bindfs exits with it. */
    @Override
    public void close() {
        unmount();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    @Override
    public String toString() {
        return "bindfs " + source + " on " + mountPoint + " (pid " + process.pid() + ")";
    }

    private void unmount() {
        try {
            // The mount goes even while another mount namespace still holds a bind mount of it; bindfs then ends
            // when the last of those goes.
            run("fusermount", "-u", mountPoint.toString());
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                // Still in use (a worker process alive in its namespace?): detach lazily, end our bindfs.
                run("umount", "-l", mountPoint.toString());
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // nothing more to do: reported by the caller's checks
        }
    }

    private static Object attribute(Path file, String name) {
        try {
            return Files.getAttribute(file, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " of " + file, e);
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
