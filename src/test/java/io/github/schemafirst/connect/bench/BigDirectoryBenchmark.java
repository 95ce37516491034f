package io.github.schemafirst.connect.bench;

import io.github.schemafirst.connect.file.storage.local.ListingProbe;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.avro.generic.GenericRecord;

/**
 * The file connector on one big directory: many small JSON lines {@code User} files (10,000 of 10 records by
 * default) beside one big file (1 GiB by default), read by one task with the Avro converter (auto-registering, as
 * the {@code avro} scenario of {@link EndToEndBenchmark}) on the embedded worker. Reports time to first record,
 * records/s, the peak of open file descriptors below the directory and in all of this JVM (broker and worker run
 * in it), heap (sampled peak, peak after GC, live heap before and while the connector runs), the task's longest
 * poll that returned records (the worker's {@code poll-batch-max-time-ms}; empty polls are not timed), and what one
 * listing of the directory costs, timed directly.
 *
 * <p>A benchmark, not a test: run it with {@code bench/files.sh} (see {@code docs/benchmarks-e2e.md}, "A big
 * directory"). System properties: {@code bench.files} (small files, default 10000), {@code bench.file.records}
 * (records per small file, default 10), {@code bench.bigfile.mb} (MiB of the big file, default 1024; 0 for none),
 * {@code bench.scenarios} ({@code dir}: the whole directory; {@code alone}: the big file alone in a directory of its
 * own, the reference; run in the order given, default {@code dir,alone}; neither: only the listing is timed),
 * {@code bench.tuned} (default false: the worker's producer defaults),
 * {@code bench.sample.ms} (sampling period, default 100), {@code bench.listing.rounds} (default 20),
 * {@code bench.warmup} (default true: 100,000 records through the same connector first, unreported),
 * {@code bench.dir} (default {@code target/bigdir-bench}), and {@code bench.connector.<key>=<value>} to add or
 * override any connector setting (e.g. {@code -Dbench.connector.file.max.open.files=8}), {@code bench.worker.<key>}
 * likewise for the worker (e.g. {@code -Dbench.worker.offset.flush.interval.ms=5000}; default as
 * {@link BenchStack#start}).
 */
public final class BigDirectoryBenchmark {

    private static final String PATTERN = "*.jsonl";
    private static final String BIG_FILE = "users-big.jsonl";
    private static final long WARMUP_RECORDS = 100_000;
    private static final String CONNECTOR_PREFIX = "bench.connector.";
    private static final String WORKER_PREFIX = "bench.worker.";

    private final int files = Integer.getInteger("bench.files", 10_000);
    private final int recordsPerFile = Integer.getInteger("bench.file.records", 10);
    private final long bigFileMiB = Long.getLong("bench.bigfile.mb", 1024);
    private final List<String> scenarios = Arrays.stream(System.getProperty("bench.scenarios", "dir,alone")
            .split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    private final boolean tuned = Boolean.getBoolean("bench.tuned");
    private final long sampleMillis = Long.getLong("bench.sample.ms", 100);
    private final int listingRounds = Integer.getInteger("bench.listing.rounds", 20);
    private final boolean warmup = Boolean.parseBoolean(System.getProperty("bench.warmup", "true"));
    private final Path workDir = Paths.get(System.getProperty("bench.dir", "target/bigdir-bench")).toAbsolutePath();
    private final Map<String, String> overrides = prefixed(CONNECTOR_PREFIX);
    private final Map<String, String> workerProps = prefixed(WORKER_PREFIX);

    private UserGenerator users;
    private BenchStack stack;
    private int topicCounter;

    /** What was written: the small files and the big file, their records and bytes. */
    private record Input(Path dir, int smallFiles, long smallRecords, long smallBytes, long bigRecords, long bigBytes,
                         long bigFrom) {
        long records() {
            return smallRecords + bigRecords;
        }

        long bytes() {
            return smallBytes + bigBytes;
        }
    }

    /** One measured run of the connector over a directory; {@code firstFrom} names the file of the first record. */
    private record Result(String scenario, int fileCount, long records, long bytes, BenchStack.Run run,
                          String firstFrom, ProcessSampler.OpenFiles openBefore, ProcessSampler.Peaks peaks,
                          long liveHeapBefore, long liveHeapRunning) {
        String failure() {
            return run.progress().failure();
        }
    }

    /** Milliseconds of the first of several listings and the median of the rest. */
    private record Timing(String what, long found, double firstMillis, double medianMillis) {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new BigDirectoryBenchmark().run();
        } catch (Throwable e) {
            e.printStackTrace();
            status = 2;
        }
        // the test kit and clients leave non-daemon threads behind on some failures: never hang the shell
        System.exit(status);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        if (files <= 0 && bigFileMiB <= 0) {
            throw new IllegalArgumentException("nothing to read: bench.files and bench.bigfile.mb are both 0");
        }
        users = new UserGenerator(BenchStack.userSchema());
        Path inputDir = workDir.resolve("input");
        Path aloneDir = workDir.resolve("alone");
        Path warmupDir = workDir.resolve("warmup");
        deleteTree(inputDir);
        deleteTree(aloneDir);
        deleteTree(warmupDir);
        Files.createDirectories(workDir);
        List<Result> results = new ArrayList<>();
        List<Timing> listing;
        Input input;
        try {
            input = writeInput(Files.createDirectories(inputDir));
            listing = timeListings(inputDir);
            printListing(listing);
            if (input.bigRecords() > 0) {
                // the same inode in a directory of its own: no second GiB on disk
                Files.createLink(Files.createDirectories(aloneDir).resolve(BIG_FILE), inputDir.resolve(BIG_FILE));
            }
            long warmupRecords = Math.min(WARMUP_RECORDS, input.records());
            boolean measuring = scenarios.contains("dir") || (scenarios.contains("alone") && input.bigRecords() > 0);
            if (!measuring) {
                System.out.println("[files] no scenario to run (bench.scenarios=" + String.join(",", scenarios)
                        + "): listing only");
                return 0;
            }
            if (warmup) {
                users.writeJsonLines(Files.createDirectories(warmupDir).resolve("users.jsonl"), warmupRecords);
            }

            stack = BenchStack.start(workDir, workerProps);
            System.out.printf(Locale.ROOT, "[files] stack up in %.1f s (registry %.1f s); %d cores, max heap %d MB%n",
                    stack.connect().startupTime().toMillis() / 1e3, stack.registry().startupTime().toMillis() / 1e3,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            if (warmup) {
                long warmupStarted = System.nanoTime();
                Result result = measure("warm-up", warmupDir, 1, warmupRecords, 0,
                        record -> users.isUser(record, 0) ? "users.jsonl" : null);
                System.out.printf(Locale.ROOT, "[files] warm-up (%,d records, one file) took %.1f s%s%n",
                        warmupRecords, (System.nanoTime() - warmupStarted) / 1e9,
                        result.failure() == null ? "" : ": FAILED " + result.failure());
            }
            for (String scenario : scenarios) { // in the order given: the later ones run on a warmer JVM
                if (scenario.equals("dir")) {
                    results.add(measure(describe(input.smallFiles(), input.bigBytes()), inputDir,
                            input.smallFiles() + (input.bigRecords() > 0 ? 1 : 0), input.records(), input.bytes(),
                            record -> firstOfWhichFile(input, record)));
                } else if (scenario.equals("alone") && input.bigRecords() > 0) {
                    results.add(measure(describe(0, input.bigBytes()), aloneDir, 1, input.bigRecords(),
                            input.bigBytes(), record -> users.isUser(record, input.bigFrom()) ? BIG_FILE : null));
                }
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
            deleteTree(inputDir);
            deleteTree(aloneDir);
            deleteTree(warmupDir);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "Big directory: %,d files of %,d records (%,d bytes) + %s, %,d records, "
                + "%,d bytes; one task, AvroConverter (auto-register), producer %s; file.max.open.files=%s; "
                + "connector overrides %s, worker overrides %s%n%n",
                input.smallFiles(), recordsPerFile, input.smallBytes(),
                input.bigRecords() > 0 ? String.format(Locale.ROOT, "1 file of %,d records (%,d bytes)",
                        input.bigRecords(), input.bigBytes()) : "no big file",
                input.records(), input.bytes(), tuned ? "batch 256k, linger 20" : "defaults",
                overrides.getOrDefault("file.max.open.files", "64 (default)"), overrides, workerProps);
        System.out.print(render(results));
        System.out.println();
        printListing(listing);
        System.out.printf(Locale.ROOT, "%nTotal wall time %.0f s%n", (System.nanoTime() - started) / 1e9);
        return results.stream().anyMatch(r -> r.failure() != null) ? 1 : 0;
    }

    // ---- input ------------------------------------------------------------------------------------------------

    /**
     * Small file {@code j} holds users {@code j*recordsPerFile ...}, the big file the users after them. Modification
     * times are set an hour back, one millisecond apart in that order, so the task (oldest first) reads small file 0
     * first and the first record on the topic is user 0.
     */
    private Input writeInput(Path dir) throws IOException {
        long started = System.nanoTime();
        long base = System.currentTimeMillis() - 3_600_000;
        long smallBytes = 0;
        for (int j = 0; j < files; j++) {
            Path file = dir.resolve(smallFileName(j));
            byte[] content = users.jsonLines((long) j * recordsPerFile, recordsPerFile);
            Files.write(file, content);
            Files.setLastModifiedTime(file, FileTime.fromMillis(base + j));
            smallBytes += content.length;
        }
        long smallRecords = (long) files * recordsPerFile;
        double smallSeconds = (System.nanoTime() - started) / 1e9;
        long bigRecords = 0;
        long bigBytes = 0;
        if (bigFileMiB > 0) {
            Path big = dir.resolve(BIG_FILE);
            bigRecords = users.writeJsonLinesOfAtLeast(big, smallRecords, bigFileMiB << 20);
            bigBytes = Files.size(big);
            Files.setLastModifiedTime(big, FileTime.fromMillis(base + files));
        }
        System.out.printf(Locale.ROOT, "[files] wrote %,d files of %,d records (%,d bytes) in %.1f s and a big file of "
                + "%,d records (%,d bytes) in %.1f s, in %s%n", files, recordsPerFile, smallBytes, smallSeconds,
                bigRecords, bigBytes, (System.nanoTime() - started) / 1e9 - smallSeconds, dir);
        return new Input(dir, files, smallRecords, smallBytes, bigRecords, bigBytes, smallRecords);
    }

    private String smallFileName(int j) {
        int width = Math.max(5, Integer.toString(Math.max(0, files - 1)).length());
        return String.format(Locale.ROOT, "users-%0" + width + "d.jsonl", j);
    }

    /** The file whose first user {@code record} is (field by field), or null when it is no file's first user. */
    private String firstOfWhichFile(Input input, GenericRecord record) {
        for (int j = 0; j < input.smallFiles(); j++) {
            if (users.isUser(record, (long) j * recordsPerFile)) {
                return smallFileName(j);
            }
        }
        return input.bigRecords() > 0 && users.isUser(record, input.bigFrom()) ? BIG_FILE : null;
    }

    private static String describe(int smallFiles, long bigBytes) {
        String big = bigBytes > 0 ? String.format(Locale.ROOT, "1 file of %,d MiB", Math.round(bigBytes / 1048576.0))
                : "";
        if (smallFiles == 0) {
            return big + " alone";
        }
        String small = String.format(Locale.ROOT, "%,d small files", smallFiles);
        return big.isEmpty() ? small : small + " + " + big;
    }

    // ---- listing cost ---------------------------------------------------------------------------------------

    /**
     * Times listing {@code dir}: names only (a directory stream), a walk reading each entry's attributes (what the
     * connector's scanner does: {@code Files.walkFileTree}, depth 1, following links), and the connector's own
     * scanner (whose first listing also reads each file's inode, as a task's first listing does).
     */
    private List<Timing> timeListings(Path dir) throws Exception {
        List<Timing> timings = new ArrayList<>();
        timings.add(time("directory stream, names only", () -> {
            long n = 0;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path ignored : entries) {
                    n++;
                }
            }
            return n;
        }));
        timings.add(time("Files.walkFileTree, attributes of each file", () -> {
            long[] n = {0};
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 1, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        n[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return n[0];
        }));
        ListingProbe probe = new ListingProbe(dir, PATTERN);
        timings.add(time("connector's FileScanner (first: + inode of each file)", () -> (long) probe.list()));
        return timings;
    }

    private Timing time(String what, Callable<Long> listing) throws Exception {
        long started = System.nanoTime();
        long found = listing.call();
        double first = (System.nanoTime() - started) / 1e6;
        double[] rest = new double[Math.max(1, listingRounds)];
        for (int i = 0; i < rest.length; i++) {
            long t = System.nanoTime();
            listing.call();
            rest[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(rest);
        return new Timing(what, found, first, rest[rest.length / 2]);
    }

    private void printListing(List<Timing> timings) {
        System.out.printf(Locale.ROOT, "Listing the directory once (first, then median of %d more: the JIT "
                + "warms up over the first rounds):%n%n",
                Math.max(1, listingRounds));
        System.out.println("| listing | entries | first ms | median ms |");
        System.out.println("|---|---:|---:|---:|");
        for (Timing timing : timings) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f |%n", timing.what(), timing.found(),
                    timing.firstMillis(), timing.medianMillis());
        }
    }

    // ---- one run --------------------------------------------------------------------------------------------

    /**
     * Runs the connector over {@code dir} until {@code records} are on a new topic. The first record must be the
     * first user of one of the files ({@code firstOfFile} names which, or returns null): the task may start with any
     * file, but never mid-file.
     */
    private Result measure(String scenario, Path dir, int fileCount, long records, long bytes,
                           Function<GenericRecord, String> firstOfFile) throws InterruptedException {
        String topic = "bench-files-" + (++topicCounter);
        Map<String, String> config = stack.fileConfig(dir, PATTERN, stack.avroAutoRegister(), null);
        config.putAll(overrides);
        String connector = topic + "-connector";
        long liveBefore = liveHeap();
        ProcessSampler.OpenFiles before = ProcessSampler.openFiles(dir);
        BenchStack.Run run;
        ProcessSampler.Peaks peaks;
        AtomicReference<String> firstFrom = new AtomicReference<>();
        Map<String, DoubleSupplier> gauges = Map.of("poll-batch-max-time-ms",
                () -> taskMetric(connector, "poll-batch-max-time-ms"));
        try (ProcessSampler sampler = new ProcessSampler(dir, sampleMillis, gauges)) {
            run = stack.runConnector(topic, config, tuned, false, records, record -> {
                String file = firstOfFile.apply(record);
                firstFrom.set(file);
                return file != null ? null : "the first record (" + record + ") is not the first user of any file";
            });
            peaks = sampler.peaks();
        }
        long liveRunning = liveHeap(); // the connector still runs: its state for every file is live
        stack.deleteConnector(run.connector());
        Result result = new Result(scenario, fileCount, records, bytes, run, firstFrom.get(), before, peaks,
                liveBefore, liveRunning);
        // the start time lets a profile (JFR) be cut to one scenario's window
        String startedAt = java.time.LocalTime.now().minusNanos(System.nanoTime() - run.startNanos())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        System.out.printf(Locale.ROOT, "[files] %s, started %s: %s%,d records in %.2f s (first after %.2f s, from "
                        + "%s): %,.0f records/s; peak fds below the directory %d, in the JVM %d (%d before); peak "
                        + "heap used %d MB%n", scenario, startedAt,
                result.failure() == null ? "" : "FAILED (" + result.failure() + "): ", run.progress().endOffset(),
                run.seconds(), run.firstRecordSeconds(), result.firstFrom(),
                run.progress().endOffset() / run.seconds(), peaks.fdsBelow(), peaks.fds(), before.total(),
                peaks.heapUsed() >> 20);
        return result;
    }

    /** Heap used right after a full collection: what is live now. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A metric of the connector's task 0 from the worker's JMX reporter, NaN while it is not registered. */
    private static double taskMetric(String connector, String attribute) {
        try {
            Object value = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(
                    "kafka.connect:type=source-task-metrics,connector=" + connector + ",task=0"), attribute);
            return value instanceof Number number ? number.doubleValue() : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static String render(List<Result> results) {
        StringBuilder text = new StringBuilder();
        text.append("| input | files | records | s | first record s | first record from | records/s | MB/s "
                + "| peak fds below dir | peak fds in JVM (before) | peak heap used MB | peak heap after GC MB "
                + "| live heap MB before → running | GCs (ms) | longest poll with records ms |\n");
        text.append("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            BenchStack.Run run = r.run();
            // a failed row keeps its figures (they may still tell something), flagged in its first cell
            String input = r.failure() == null ? r.scenario()
                    : "FAILED (" + r.failure().replace('\n', ' ').replace('|', '/') + "): " + r.scenario();
            ProcessSampler.Peaks p = r.peaks();
            Double longestPoll = p.gauges().get("poll-batch-max-time-ms");
            text.append(String.format(Locale.ROOT,
                    "| %s | %,d | %,d | %.2f | %.2f | %s | %,.0f | %.1f | %d | %d (%d) | %d | %d | %d → %d | %d (%d) "
                            + "| %s |%n",
                    input, r.fileCount(), run.progress().endOffset(), run.seconds(), run.firstRecordSeconds(),
                    r.firstFrom() == null ? "" : r.firstFrom(),
                    run.progress().endOffset() / run.seconds(), r.bytes() / run.seconds() / 1e6, p.fdsBelow(),
                    p.fds(), r.openBefore().total(), p.heapUsed() >> 20, p.heapAfterGc() >> 20,
                    r.liveHeapBefore() >> 20, r.liveHeapRunning() >> 20, p.gcCount(), p.gcMillis(),
                    longestPoll == null ? "n/a" : String.format(Locale.ROOT, "%.0f", longestPoll)));
        }
        return text.toString();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The system properties {@code <prefix><key>=<value>} as {@code key=value}. */
    private static Map<String, String> prefixed(String prefix) {
        Map<String, String> settings = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith(prefix))
                .sorted()
                .forEach(key -> settings.put(key.substring(prefix.length()), System.getProperty(key)));
        return settings;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }
}
