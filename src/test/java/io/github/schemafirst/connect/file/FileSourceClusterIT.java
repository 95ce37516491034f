package io.github.schemafirst.connect.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.it.BindfsMount;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.PrivateMount;
import io.github.schemafirst.connect.it.ProduceQuota;
import io.github.schemafirst.connect.it.UserFiles;
import io.github.schemafirst.connect.it.WorkerProcess;
import io.github.schemafirst.connect.it.WorkerProcessITBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two worker processes in one Connect group share a file connector with {@code tasks.max=4}: the tasks are spread
 * over both workers and divide the dozen files among themselves so that every record is read once; when one worker
 * goes away in the middle of the files (SIGTERM or SIGKILL), the survivor runs all four tasks and finishes every
 * file from the committed offsets.
 *
 * <p>The shared-storage variant gives each worker its own bindfs (FUSE) mount of the input directory at the same
 * {@code file.path}, through a private mount namespace per worker: the same inode numbers under a different device
 * number per worker, as a network share mounted on two hosts. A file identity that includes the device number
 * ({@code dev:ino}, the connector's identity before {@code file.identity}) makes the two workers disagree on which
 * task owns a file and on the offset it resumes from: files are read twice or never.
 *
 * <p>Values are decoded here with plain Jackson (schemaless JsonConverter on the topic), independently of the
 * connector. Each record is {@code user-<n>}, unique across all files, so copies can be counted per record.
 */
class FileSourceClusterIT extends WorkerProcessITBase {

    private static final int FILES = 12;
    private static final int USERS_PER_FILE = 3_000;
    private static final int USERS = FILES * USERS_PER_FILE;
    private static final int TASKS = 4;
    /** A worker goes away once the topic holds a quarter of the records. */
    private static final long STOP_AT = USERS / 4;
    /**
     * Per task producer: ~3.2 MB of values at 4 x 40 KB/s take ~20 s, so the stop at a quarter lands mid-read on a
     * machine of any speed; lifted once a worker is gone, so the survivor finishes quickly.
     */
    private static final double THROTTLED_BYTES_PER_SECOND_PER_TASK = 40_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the workers read the files from. */
    enum Storage {
        /**
         * One directory, seen by both workers through the same mount (same device number). Runs only where
         * {@link #MOUNT_PER_WORKER} cannot: that is the same scenario on harder storage, and a worker pair costs a
         * quarter of this class's time.
         */
        ONE_DIRECTORY,
        /** Each worker sees the directory through a bindfs mount of its own (own device number, same inodes). */
        MOUNT_PER_WORKER
    }

    @TempDir
    Path dir;

    private final List<WorkerProcess> workers = new ArrayList<>();
    private final List<BindfsMount> mounts = new ArrayList<>();
    /** Why per-worker mounts cannot be made here (empty: they can); found out once per class. */
    private Optional<String> mountsUnavailable;

    @Override
    protected void configureBroker(Properties brokerProps) {
        // A killed exactly-once task leaves its transaction open: look for timed-out ones every second, not every 10 s.
        brokerProps.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // A quota measures the rate over at least (quota.window.num - 1) windows of a second: with the default 11, a
        // fresh producer may first send 10 s worth of its quota at full speed (measured: half the records here
        // within a second). Two windows bound that burst to one second's worth.
        brokerProps.put("quota.window.num", "2");
    }

    /** Workers first (their private namespaces hold the mounts busy), then the mounts. */
    @AfterEach
    void stopWorkersThenUnmount() {
        workers.forEach(WorkerProcess::close);
        workers.clear();
        mounts.forEach(BindfsMount::close);
        mounts.clear();
    }

    @Test
    void tasksSpreadOverBothWorkersAndTheSurvivorOfAGracefulStopFinishesEveryFile() {
        String group = "cluster-alo-" + System.nanoTime();
        startCluster(group, false, Optional.empty());
        WorkerProcess first = workers.get(0);
        WorkerProcess second = workers.get(1);

        // 1. Both workers stay. Nothing restarts, so even at least once a duplicate could only come from two tasks
        // reading the same file, and a missing record from a file no task owns.
        Path cleanFiles = writeUsers("clean");
        String cleanTopic = group + "-clean";
        first.rest().configureConnector("clean", connectorConfig(cleanTopic, cleanFiles, false));
        ConnectorStateInfo spread = awaitTasksSpreadOver(first, "clean", first, second);
        awaitEveryFileCommitted(first, "clean", cleanFiles);
        Delivery clean = Delivery.of(readAll(cleanTopic, false));
        System.out.printf("[cluster] clean run: tasks on %s; %d records, %d distinct%n", hosts(spread),
                clean.total(), clean.distinct());
        assertThat(clean.missing()).as("users never delivered").isEmpty();
        assertThat(clean.duplicated()).as("users delivered more than once without any restart").isEmpty();
        assertThat(clean.total()).isEqualTo(USERS);

        // 2. The second worker is stopped (SIGTERM: its tasks stop and commit) while the files are a quarter read.
        Path files = writeUsers("graceful");
        String topic = group + "-graceful";
        ProduceQuota.set(kafka.bootstrapServers(), "graceful", TASKS, THROTTLED_BYTES_PER_SECOND_PER_TASK);
        first.rest().configureConnector("graceful", connectorConfig(topic, files, false));
        awaitTasksSpreadOver(first, "graceful", first, second);
        awaitEndOffset(topic, STOP_AT, false, TIMEOUT, second);
        long committedAtStop = committedRecords(first, "graceful");

        second.stop();
        long endAtStop = endOffset(topic, false);
        ProduceQuota.set(kafka.bootstrapServers(), "graceful", TASKS, null);
        assertThat(endAtStop).as("records written when the worker stopped: mid-read").isBetween(STOP_AT, USERS - 1L);
        long started = System.nanoTime();
        awaitTasksAllOn(first, "graceful");
        awaitEveryFileCommitted(first, "graceful", files);
        Delivery delivery = Delivery.of(readAll(topic, false));
        System.out.printf("[cluster] graceful stop at end offset %d (%d committed before): %d records, %d distinct,"
                        + " %d duplicates; survivor finished in %d ms%n", endAtStop, committedAtStop, delivery.total(),
                delivery.distinct(), delivery.duplicates(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(delivery.missing()).as("users lost when a worker stopped").isEmpty();
        // At least once: only what was written but not yet committed when the worker stopped may come again.
        assertThat(delivery.maxCopies()).as("copies of one user after one stop").isLessThanOrEqualTo(2);
        assertThat((long) delivery.duplicates()).as("duplicates").isLessThanOrEqualTo(endAtStop - committedAtStop);
    }

    /**
     * Exactly once across a SIGKILL: the killed worker's transactions are aborted, the survivor resumes every file
     * from the offsets committed with the records, and a read_committed consumer sees each record once, each file
     * in order. With a mount per worker this also needs a file identity that does not depend on the device number:
     * with {@code dev:ino} the survivor looks the killed tasks' files up under its own device number, finds no
     * offset and reads them again from the start.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Storage.class)
    void exactlyOnceSurvivorOfASigkillDeliversEveryRecordOnce(Storage storage) {
        if (storage == Storage.ONE_DIRECTORY) {
            Assumptions.assumeTrue(mountsUnavailable().isPresent(), "covered by the MOUNT_PER_WORKER variant: the"
                    + " same scenario with a device number per worker, which can run here");
        }
        String group = "cluster-eos-" + storage.name().toLowerCase(Locale.ROOT) + "-" + System.nanoTime();
        Path files = writeUsers("eos-" + storage.name().toLowerCase(Locale.ROOT));
        Optional<List<Path>> perWorkerMounts = storage == Storage.MOUNT_PER_WORKER
                ? Optional.of(mountPerWorker(files)) : Optional.empty();
        Path filePath = perWorkerMounts.isPresent() ? dir.resolve("view") : files;
        startCluster(group, true, perWorkerMounts.map(sources -> new PerWorkerView(sources, filePath)));
        WorkerProcess survivor = workers.get(0);
        WorkerProcess victim = workers.get(1);
        perWorkerMounts.ifPresent(sources -> {
            // Each worker process sees its own mount, with its own device number, at file.path.
            for (int i = 0; i < 2; i++) {
                assertThat(PrivateMount.deviceAt(workers.get(i).pid(), filePath))
                        .as("device at %s in the mount namespace of %s", filePath, workers.get(i))
                        .isEqualTo(PrivateMount.majorMinor(BindfsMount.device(sources.get(i))));
            }
            // ... and only there: the bind mounts do not leak into this JVM's namespace (private propagation).
            assertThat(BindfsMount.device(filePath)).as("device of %s as the test sees it", filePath)
                    .isEqualTo(BindfsMount.device(dir));
        });

        String topic = group + "-users";
        ProduceQuota.set(kafka.bootstrapServers(), "eos", TASKS, THROTTLED_BYTES_PER_SECOND_PER_TASK);
        survivor.rest().configureConnector("eos", connectorConfig(topic, filePath, true));
        awaitTasksSpreadOver(survivor, "eos", survivor, victim);
        awaitEndOffset(topic, STOP_AT, false, TIMEOUT, victim);

        int exitCode = victim.kill();
        long endAtKill = endOffset(topic, false);
        ProduceQuota.set(kafka.bootstrapServers(), "eos", TASKS, null);
        assertThat(exitCode).as("exit code of the killed worker (SIGKILL)").isEqualTo(137);
        assertThat(endAtKill).as("records written (committed or not) at the kill: mid-read")
                .isBetween(STOP_AT, USERS - 1L);
        long started = System.nanoTime();
        awaitTasksAllOn(survivor, "eos");
        awaitEveryFileCommitted(survivor, "eos", files);
        Delivery delivery = Delivery.of(readAll(topic, true));
        System.out.printf("[cluster] exactly once, %s: killed at end offset %d; %d records read committed, %d distinct;"
                        + " survivor finished in %d ms%n", storage, endAtKill, delivery.total(), delivery.distinct(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(delivery.missing()).as("users lost").isEmpty();
        assertThat(delivery.duplicated()).as("users delivered more than once with exactly-once").isEmpty();
        assertThat(delivery.total()).isEqualTo(USERS);
        assertThat(delivery.filesOutOfOrder()).as("files whose records are not in file order").isEmpty();
    }

    // ---- cluster ----------------------------------------------------------------------------------------------

    /** What each worker sees at file.path: worker i its own mount {@code sources.get(i)}. */
    private record PerWorkerView(List<Path> sources, Path filePath) {
    }

    /** Starts two workers of {@code group} and waits until both have joined, so a new connector is spread at once. */
    private void startCluster(String group, boolean exactlyOnce, Optional<PerWorkerView> view) {
        WorkerProcess.Builder[] builders = new WorkerProcess.Builder[2];
        for (int i = 0; i < 2; i++) {
            WorkerProcess.Builder builder = worker().groupId(group).maxHeap("256m");
            if (exactlyOnce) {
                builder.exactlyOnce()
                        // The survivor notices a SIGKILLed member after the session timeout: the broker's minimum
                        // (6 s) instead of Connect's 10 s default.
                        .workerProp("session.timeout.ms", "6000")
                        .workerProp("heartbeat.interval.ms", "1500");
            }
            int index = i;
            view.ifPresent(v -> builder.launchPrefix(PrivateMount.commandPrefix(v.sources().get(index), v.filePath())));
            builders[i] = builder;
        }
        workers.addAll(startWorkers(builders));
        awaitGroupMembers(group, 2, TIMEOUT);
    }

    /** Why bindfs mounts in a private mount namespace per worker cannot be made here; empty when they can. */
    private Optional<String> mountsUnavailable() {
        if (mountsUnavailable == null) {
            mountsUnavailable = BindfsMount.unavailableReason().or(PrivateMount::unavailableReason);
            mountsUnavailable.ifPresent(reason -> System.out.println("[cluster] !!!!!!!! NO per-worker mounts here ("
                    + reason + "): the shared-storage variant (a bindfs mount per worker, different st_dev, same"
                    + " inode) is SKIPPED and the exactly-once kill runs on one directory instead. It needs root,"
                    + " /dev/fuse, util-linux unshare and the Debian package bindfs (apt-get install -y bindfs)."));
        }
        return mountsUnavailable;
    }

    /**
     * Two bindfs mounts of {@code files}, one per worker; skips the test (loudly, see {@link #mountsUnavailable})
     * where bindfs, FUSE or mount namespaces are not available. Checks the premise: same inode, different device
     * numbers.
     */
    private List<Path> mountPerWorker(Path files) {
        Assumptions.assumeTrue(mountsUnavailable().isEmpty(), () -> "no bindfs mount per worker here: "
                + mountsUnavailable().orElseThrow());
        List<Path> sources = new ArrayList<>();
        try {
            Files.createDirectories(dir.resolve("view"));
            for (int i = 1; i <= 2; i++) {
                Path mountPoint = Files.createDirectories(dir.resolve("mount-" + i));
                mounts.add(BindfsMount.mount(files, mountPoint));
                sources.add(mountPoint);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path sample = files.resolve(fileName(0));
        Path one = sources.get(0).resolve(fileName(0));
        Path two = sources.get(1).resolve(fileName(0));
        System.out.printf("[cluster] %s: st_dev %s / %s / %s, st_ino %s / %s / %s (source / mount 1 / mount 2)%n",
                fileName(0), BindfsMount.device(sample), BindfsMount.device(one), BindfsMount.device(two),
                BindfsMount.inode(sample), BindfsMount.inode(one), BindfsMount.inode(two));
        assertThat(BindfsMount.device(one)).as("device numbers of the two mounts").isNotEqualTo(BindfsMount.device(two));
        assertThat(BindfsMount.inode(one)).as("inode number through mount 1 and through mount 2")
                .isEqualTo(BindfsMount.inode(two)).isEqualTo(BindfsMount.inode(sample));
        return sources;
    }

    private Map<String, String> connectorConfig(String topic, Path files, boolean exactlyOnce) {
        Map<String, String> config = FileConnectorConfig.of(files, topic, "jsonl")
                .set("tasks.max", Integer.toString(TASKS))
                .set("file.pattern", "*.jsonl")
                .set("value.schema.file", userAvsc().toString())
                // Small batches: with exactly-once one poll's batch is one transaction, and a throttled producer
                // must commit it well within the transaction timeout below.
                .set("batch.max.records", "500")
                .with(ConverterConfigs.schemalessJson())
                .toMap();
        if (exactlyOnce) {
            // Fail at start rather than run without transactions.
            config.put("exactly.once.support", "required");
            // The survivor reads the offsets read_committed: it waits until the killed task's open transaction is
            // aborted, after this timeout (60 s by default).
            config.put("producer.override.transaction.timeout.ms", "10000");
        }
        return config;
    }

    /** Waits until all tasks run and both workers host at least one of them. */
    private static ConnectorStateInfo awaitTasksSpreadOver(WorkerProcess rest, String connector, WorkerProcess one,
                                                           WorkerProcess two) {
        Set<String> both = Set.of(one.workerId(), two.workerId());
        return rest.rest().awaitStatus(connector, status -> allTasksRunning(status)
                        && status.tasks().stream().map(ConnectorStateInfo.TaskState::workerId)
                        .collect(Collectors.toSet()).equals(both),
                TASKS + " tasks RUNNING, spread over " + both, TIMEOUT);
    }

    /** Waits until all tasks run on {@code survivor}. */
    private static void awaitTasksAllOn(WorkerProcess survivor, String connector) {
        survivor.rest().awaitStatus(connector, status -> allTasksRunning(status)
                        && status.tasks().stream().allMatch(task -> survivor.workerId().equals(task.workerId())),
                "all " + TASKS + " tasks RUNNING on the survivor " + survivor.workerId(), TIMEOUT);
    }

    private static boolean allTasksRunning(ConnectorStateInfo status) {
        return "RUNNING".equals(status.connector().state()) && status.tasks().size() == TASKS
                && status.tasks().stream().allMatch(task -> "RUNNING".equals(task.state()));
    }

    private static String hosts(ConnectorStateInfo status) {
        return status.tasks().stream().map(task -> task.id() + "@" + task.workerId()).toList().toString();
    }

    // ---- files and offsets ------------------------------------------------------------------------------------

    /** A dozen files; file k holds users {@code k * USERS_PER_FILE + 1} to {@code (k + 1) * USERS_PER_FILE}. */
    private Path writeUsers(String name) {
        try {
            Path files = Files.createDirectories(dir.resolve(name));
            for (int k = 0; k < FILES; k++) {
                UserFiles.write(files.resolve(fileName(k)), (long) k * USERS_PER_FILE + 1, USERS_PER_FILE);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileName(int k) {
        return String.format("users-%02d.jsonl", k);
    }

    /**
     * The committed offsets ({@code GET /connectors/{name}/offsets}) per file, by the {@code path} the offset names
     * (relative to file.path): the largest of each field when several partitions name the same file (the same file
     * under two identities).
     */
    private static Map<String, Long> committed(WorkerProcess worker, String connector, String field) {
        Map<String, Long> byFile = new TreeMap<>();
        for (JsonNode entry : worker.rest().offsets(connector).path("offsets")) {
            JsonNode offset = entry.path("offset");
            byFile.merge(offset.path("path").asText(), offset.path(field).asLong(), Math::max);
        }
        return byFile;
    }

    /** Records committed over all files (a lower bound while the connector runs). */
    private static long committedRecords(WorkerProcess worker, String connector) {
        return committed(worker, connector, "index").values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until the committed position of every file is its end: every record is written and acknowledged. */
    private static void awaitEveryFileCommitted(WorkerProcess worker, String connector, Path files) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int k = 0; k < FILES; k++) {
            try {
                sizes.put(fileName(k), Files.size(files.resolve(fileName(k))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Long> unfinished = sizes;
        while (System.nanoTime() < deadline) {
            Map<String, Long> positions = committed(worker, connector, "position");
            unfinished = sizes.entrySet().stream()
                    .filter(file -> positions.getOrDefault(file.getKey(), 0L) < file.getValue())
                    .collect(Collectors.toMap(Map.Entry::getKey, file -> positions.getOrDefault(file.getKey(), 0L),
                            (a, b) -> a, TreeMap::new));
            if (unfinished.isEmpty()) {
                return;
            }
            if (!worker.isAlive()) {
                throw new AssertionError(worker + " died:\n" + worker.logTail(40));
            }
            pause(Duration.ofMillis(250));
        }
        throw new AssertionError(connector + ": files not committed to their end within " + TIMEOUT
                + " (file=committed position): " + unfinished + " of sizes " + sizes);
    }

    // ---- what the topic holds ---------------------------------------------------------------------------------

    /** The users of a topic, in topic order, by number. */
    private record Delivery(List<Long> users) {

        static Delivery of(List<ConsumerRecord<byte[], byte[]>> records) {
            List<Long> users = new ArrayList<>(records.size());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                users.add(number(record));
            }
            return new Delivery(users);
        }

        int total() {
            return users.size();
        }

        int distinct() {
            return copies().size();
        }

        int duplicates() {
            return total() - distinct();
        }

        Map<Long, Integer> copies() {
            Map<Long, Integer> copies = new HashMap<>();
            users.forEach(user -> copies.merge(user, 1, Integer::sum));
            return copies;
        }

        int maxCopies() {
            return copies().values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        /** Up to 20 users (by number) that never arrived, with the total count. */
        String missing() {
            Map<Long, Integer> copies = copies();
            List<Long> missing = new ArrayList<>();
            for (long n = 1; n <= USERS; n++) {
                if (!copies.containsKey(n)) {
                    missing.add(n);
                }
            }
            return summary(missing);
        }

        /** Up to 20 users that arrived more than once, with the total count. */
        String duplicated() {
            return summary(copies().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .sorted().toList());
        }

        /** Files (by index) whose users do not appear in increasing order. */
        List<Integer> filesOutOfOrder() {
            Map<Integer, Long> last = new HashMap<>();
            List<Integer> outOfOrder = new ArrayList<>();
            for (long user : users) {
                int file = (int) ((user - 1) / USERS_PER_FILE);
                Long previous = last.put(file, user);
                if (previous != null && previous >= user && !outOfOrder.contains(file)) {
                    outOfOrder.add(file);
                }
            }
            return outOfOrder;
        }

        private static String summary(List<Long> users) {
            if (users.isEmpty()) {
                return "";
            }
            return users.size() + " users, e.g. " + users.subList(0, Math.min(20, users.size()))
                    + " (file index = (n - 1) / " + USERS_PER_FILE + ")";
        }

        private static long number(ConsumerRecord<byte[], byte[]> record) {
            try {
                String name = JSON.readTree(record.value()).path("name").asText();
                if (!name.startsWith("user-")) {
                    throw new AssertionError("unexpected user name '" + name + "' at offset " + record.offset());
                }
                long n = Long.parseLong(name.substring("user-".length()));
                if (!UserFiles.name(n).equals(name) || n < 1 || n > USERS) {
                    throw new AssertionError("unexpected user '" + name + "' at offset " + record.offset());
                }
                return n;
            } catch (IOException e) {
                throw new AssertionError("value at offset " + record.offset() + " is not JSON", e);
            }
        }
    }
}
