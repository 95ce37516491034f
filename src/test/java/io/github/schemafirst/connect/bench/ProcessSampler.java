package io.github.schemafirst.connect.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

/**
 * Samples this JVM (which runs the broker and the worker, so the connector's task too) on a daemon thread every
 * few milliseconds and keeps the peaks: open file descriptors (all of them, and those pointing below one
 * directory, from {@code /proc/self/fd}), heap used ({@link MemoryMXBean}), and extra gauges. Independently of the
 * sampling it records the heap used after every garbage collection (GC notifications), whose peak bounds the live
 * heap from above, and counts collections and their time.
 *
 * <p>Linux only for the descriptors: without {@code /proc/self/fd} they read -1.
 */
final class ProcessSampler implements AutoCloseable {

    private static final Path FD_DIR = Paths.get("/proc/self/fd");
    /** G1 Eden Space, G1 Survivor Space, G1 Old Gen (or another collector's): not Metaspace or the code cache. */
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** Open descriptors of this process at one moment: all, and those whose target lies below a directory. */
    record OpenFiles(int total, int below) {
    }

    private final Path directory;
    private final long periodMillis;
    private final Map<String, DoubleSupplier> gauges;
    private final Map<String, Double> gaugePeaks = new LinkedHashMap<>();
    private final Thread thread;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final long gcCountBefore;
    private final long gcMillisBefore;
    private final AtomicLong peakHeapAfterGc = new AtomicLong(-1);

    private volatile boolean running = true;
    private int peakFds = -1;
    private int peakFdsBelow = -1;
    private long peakHeapUsed;
    private long samples;

    /**
     * Starts sampling at once.
     *
     * @param directory descriptors whose target is below this directory are counted apart (resolved to its real path,
     *                  as the kernel shows targets)
     * @param gauges    further values to keep the peak of (e.g. a JMX attribute); a gauge may return NaN when it has
     *                  no value yet
     */
    ProcessSampler(Path directory, long periodMillis, Map<String, DoubleSupplier> gauges) {
        try {
            this.directory = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.periodMillis = periodMillis;
        this.gauges = new LinkedHashMap<>(gauges);
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
            subscribe(gc);
        }
        gcCountBefore = count;
        gcMillisBefore = millis;
        sample();
        thread = new Thread(this::loop, "bench-process-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The open descriptors of this process now: all of them, and those pointing below {@code directory}. */
    static OpenFiles openFiles(Path directory) {
        if (!Files.isDirectory(FD_DIR)) {
            return new OpenFiles(-1, -1);
        }
        int total = 0;
        int below = 0;
        Path ownListing = null;
        try {
            ownListing = FD_DIR.toRealPath(); // /proc/<pid>/fd: the listing's own descriptor points there
        } catch (IOException ignored) {
            // counted then
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(FD_DIR)) {
            for (Path entry : entries) {
                Path target;
                try {
                    target = Files.readSymbolicLink(entry);
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.equals(ownListing)) {
                    continue;
                }
                total++;
                if (target.startsWith(directory)) {
                    below++;
                }
            }
        } catch (IOException e) {
            return new OpenFiles(-1, -1);
        }
        return new OpenFiles(total, below);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        OpenFiles open = openFiles(directory);
        peakFds = Math.max(peakFds, open.total());
        peakFdsBelow = Math.max(peakFdsBelow, open.below());
        peakHeapUsed = Math.max(peakHeapUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        gauges.forEach((name, gauge) -> {
            double value;
            try {
                value = gauge.getAsDouble();
            } catch (RuntimeException e) {
                value = Double.NaN;
            }
            if (!Double.isNaN(value)) {
                gaugePeaks.merge(name, value, Math::max);
            }
        });
        samples++;
    }

    private void subscribe(GarbageCollectorMXBean gc) {
        if (!(gc instanceof NotificationEmitter emitter)) {
            return;
        }
        NotificationListener listener = (Notification notification, Object handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (isHeapPool(pool.getKey())) {
                    after += pool.getValue().getUsed();
                }
            }
            peakHeapAfterGc.accumulateAndGet(after, Math::max);
        };
        emitter.addNotificationListener(listener, null, null);
        unsubscribe.add(() -> {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // gone already
            }
        });
    }

    private static boolean isHeapPool(String name) {
        return HEAP_POOLS.contains(name);
    }

    /** What was seen between start and {@link #close()}. */
    record Peaks(int fds, int fdsBelow, long heapUsed, long heapAfterGc, long gcCount, long gcMillis, long samples,
                 Map<String, Double> gauges) {
    }

    /** The peaks so far (sampling goes on). */
    synchronized Peaks peaks() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new Peaks(peakFds, peakFdsBelow, peakHeapUsed, peakHeapAfterGc.get(), count - gcCountBefore,
                millis - gcMillisBefore, samples, new LinkedHashMap<>(gaugePeaks));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unsubscribe.forEach(Runnable::run);
    }
}
