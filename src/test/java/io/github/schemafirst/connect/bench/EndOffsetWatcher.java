package io.github.schemafirst.connect.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches a one-partition topic's end offset until it reaches a target: the benchmark's clock stops when the
 * broker holds the records, whoever wrote them. Polls every {@value #POLL_MILLIS} ms, so a measurement is at
 * most that much late.
 */
final class EndOffsetWatcher implements AutoCloseable {

    static final long POLL_MILLIS = 100;
    private static final long FAILURE_CHECK_MILLIS = 2_000;

    private final Admin admin;

    EndOffsetWatcher(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** When the first record arrived and when the end offset reached the target (System.nanoTime), or why not. */
    record Progress(long firstRecordNanos, long reachedNanos, long endOffset, String failure) {
        boolean reached() {
            return failure == null;
        }
    }

    /**
     * Waits until {@code topic}'s partition 0 ends at {@code target} or more. {@code failure} is asked every few
     * seconds whether the writer has failed (e.g. a task in FAILED state): a non-null answer ends the wait early.
     */
    Progress await(String topic, long target, Duration timeout, Supplier<Optional<String>> failure)
            throws InterruptedException {
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextFailureCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FAILURE_CHECK_MILLIS);
        long first = -1;
        long end = 0;
        while (true) {
            end = endOffset(partition);
            long now = System.nanoTime();
            if (end > 0 && first < 0) {
                first = now;
            }
            if (end >= target) {
                return new Progress(first, now, end, null);
            }
            if (now > deadline) {
                return new Progress(first, now, end, "only " + end + " of " + target + " records after " + timeout);
            }
            if (now > nextFailureCheck) {
                Optional<String> failed = failure.get();
                if (failed.isPresent()) {
                    return new Progress(first, now, end, failed.get());
                }
                nextFailureCheck = now + TimeUnit.MILLISECONDS.toNanos(FAILURE_CHECK_MILLIS);
            }
            Thread.sleep(POLL_MILLIS); // a sampling period, not a synchronisation
        }
    }

    private long endOffset(TopicPartition partition) throws InterruptedException {
        try {
            ListOffsetsResult result = admin.listOffsets(Map.of(partition, OffsetSpec.latest()));
            return result.partitionResult(partition).get(10, TimeUnit.SECONDS).offset();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0; // not created yet: the first write creates it
            }
            throw new IllegalStateException("Cannot read the end offset of " + partition + ": " + e.getCause(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            return 0;
        }
    }

    /** Creates {@code topic} with one partition, as the benchmark wants every scenario measured on one. */
    void createTopic(String topic) {
        try {
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
