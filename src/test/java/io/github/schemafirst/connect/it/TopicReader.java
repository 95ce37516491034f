package io.github.schemafirst.connect.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a topic from the beginning with a plain consumer (raw bytes, no group, no commits), with a deadline.
 * Records come back in offset order per partition, partitions in ascending order.
 */
final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReader() {
    }

    static List<ConsumerRecord<byte[], byte[]>> readAtLeast(
            String bootstrapServers, String topic, int count, Duration timeout, boolean readCommitted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, readCommitted)) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (records.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected at least " + count + " records in topic " + topic + " within "
                            + timeout + (readCommitted ? " (read_committed)" : "") + ", got " + records.size());
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return sorted(records);
        }
    }

    static List<ConsumerRecord<byte[], byte[]>> readToEnd(
            String bootstrapServers, String topic, Duration timeout, boolean readCommitted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, readCommitted)) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed the end offsets are the last stable offsets.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read topic " + topic + " to its end offsets " + ends
                            + " within " + timeout + ", got " + records.size() + " records");
                }
                consumer.poll(POLL).forEach(records::add);
            }
            return sorted(records);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                        long deadline) {
        while (true) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, POLL);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
                }
            } catch (TimeoutException notYet) {
                // the topic does not exist yet: ask again until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + " does not exist");
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, boolean readCommitted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Looking at a topic must not create it before the connector does.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> sorted(List<ConsumerRecord<byte[], byte[]>> records) {
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }
}
