package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConnectStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.test.TestUtils;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Watches how far a one-partition topic has been written, to act while a connector is in the middle of a file. */
final class TopicEndOffset {

    private TopicEndOffset() {
    }

    /**
     * Waits until {@code topic} (partition 0) holds at least {@code count} records (uncommitted transactional ones
     * included) and returns its end offset then.
     */
    static long awaitAtLeast(ConnectStack connect, String topic, long count) {
        TopicPartition partition = new TopicPartition(topic, 0);
        long[] end = {0};
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TestUtils.waitForCondition(() -> {
                try {
                    end[0] = consumer.endOffsets(List.of(partition), Duration.ofSeconds(5))
                            .getOrDefault(partition, 0L);
                } catch (TimeoutException topicNotThereYet) {
                    return false;
                }
                return end[0] >= count;
            }, ConnectStack.DEFAULT_TIMEOUT.toMillis(), 20, () -> topic + " reached only " + end[0] + " of " + count
                    + " records");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return end[0];
    }
}
