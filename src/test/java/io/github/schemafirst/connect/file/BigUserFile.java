package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConnectStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.test.TestUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON lines file of {@code size} distinct users ({@code user-0} ... {@code user-<size-1>}), and the check that a
 * topic holds each of them: the record key ({@code key.field=name} with a StringConverter key) names the user.
 */
final class BigUserFile {

    private final int size;

    private BigUserFile(int size) {
        this.size = size;
    }

    /** Writes the file to {@code directory/name} (atomically: a hidden file renamed into place). */
    static BigUserFile write(Path directory, String name, int size) {
        List<String> lines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lines.add("{\"name\":\"user-" + i + "\",\"favorite_number\":" + i + ",\"favorite_color\":\"c" + (i % 7)
                    + "\"}");
        }
        TestResources.write(directory, name, lines);
        return new BigUserFile(size);
    }

    int size() {
        return size;
    }

    /**
     * Waits until every user of the file is in {@code topic}, then returns what was read: total records and distinct
     * users. Fails with the count of missing users when some do not arrive in time.
     */
    Delivery awaitAllDelivered(ConnectStack connect, String topic, boolean readCommitted) {
        Delivery[] last = new Delivery[1];
        try {
            TestUtils.waitForCondition(() -> {
                last[0] = delivery(connect.consumeAll(topic, readCommitted));
                return last[0].distinct() == size;
            }, ConnectStack.DEFAULT_TIMEOUT.toMillis() * 2, 500, () -> "not every user reached " + topic
                    + ": " + (last[0] == null ? "nothing read" : last[0].distinct() + " of " + size
                    + " distinct users in " + last[0].total() + " records"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return last[0];
    }

    private Delivery delivery(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> users = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String user = new String(record.key(), StandardCharsets.UTF_8);
            if (!user.startsWith("user-") || Integer.parseInt(user.substring(5)) >= size) {
                throw new AssertionError("unexpected key " + user);
            }
            users.add(user);
        }
        return new Delivery(records.size(), users.size());
    }

    /** What a topic held: {@code total} records for {@code distinct} users. */
    record Delivery(int total, int distinct) {
        int duplicates() {
            return total - distinct;
        }
    }
}
