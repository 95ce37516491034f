package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.ProduceQuota;

import java.nio.file.Path;
import java.util.Map;

/**
 * One connector reading one big JSON lines file, interrupted in the middle (at about 30 % of the records in the
 * topic) by a connector restart or a worker restart; then every user must arrive. Shared by the at-least-once and
 * exactly-once ITs.
 */
final class RestartScenario {

    /** Big enough that a restart lands in the middle of the file, small enough to be quick. */
    static final int RECORDS = 50_000;
    static final int BATCH = 200;
    static final int PRODUCER_BUFFER_BYTES = 64 * 1024;
    /** About 20 s for the whole file: a restart (1-3 s) after 30 % cannot outrun it. */
    private static final double THROTTLED_BYTES_PER_SECOND = 256 * 1024;
    /**
     * Most records that can be handed to the worker but not yet acknowledged (so their offsets are not committed)
     * when a task stops: one batch being sent plus what fits in the producer's buffer (a record takes over 100
     * bytes there).
     */
    static final int UNCOMMITTED_WINDOW = BATCH + PRODUCER_BUFFER_BYTES / 100;

    private final ConnectStack connect;
    private final String name;
    private final String topic;
    private final BigUserFile file;
    private final Map<String, String> config;

    RestartScenario(ConnectStack connect, Path dir, String name, String topic) {
        this.connect = connect;
        this.name = name;
        this.topic = topic;
        this.file = BigUserFile.write(dir, "big.jsonl", RECORDS);
        this.config = FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/user.avsc"), "avro")
                .set("batch.max.records", Integer.toString(BATCH))
                .set("key.field", "name")
                .set("key.converter", "org.apache.kafka.connect.storage.StringConverter")
                .with(ConverterConfigs.schemalessJson())
                // Small produce requests, one at a time: the file takes seconds, not a blink, so the restart
                // really happens in the middle of it. A small producer buffer keeps poll() from running far ahead
                // of what the broker acknowledged: the uncommitted window stays small.
                .set("producer.override.batch.size", "1024")
                .set("producer.override.max.in.flight.requests.per.connection", "1")
                .set("producer.override.buffer.memory", Integer.toString(PRODUCER_BUFFER_BYTES))
                .toMap();
    }

    /**
     * Starts the connector, waits for ~30 % of the records, runs {@code interruption}, waits for all users. Until
     * then a broker quota slows the task's producer, so the interruption lands mid-file on a machine of any speed.
     */
    Result run(Runnable interruption) {
        ProduceQuota.set(connect.bootstrapServers(), name, THROTTLED_BYTES_PER_SECOND);
        try {
            connect.startConnector(name, config);
            long atInterruption = TopicEndOffset.awaitAtLeast(connect, topic, RECORDS * 3L / 10);
            interruption.run();
            connect.awaitRunning(name, 1);
            long afterInterruption = TopicEndOffset.awaitAtLeast(connect, topic, 0);
            return new Result(atInterruption, afterInterruption);
        } finally {
            ProduceQuota.set(connect.bootstrapServers(), name, null);
        }
    }

    /** Waits for every user, reading all records ({@code readCommitted}: only committed transactions). */
    BigUserFile.Delivery awaitAllDelivered(boolean readCommitted) {
        return file.awaitAllDelivered(connect, topic, readCommitted);
    }

    /**
     * End offsets of the topic just before the interruption and once the connector runs again: the second below
     * {@link #RECORDS} proves the file was not finished when the task was stopped.
     */
    record Result(long recordsAtInterruption, long recordsAfterInterruption) {
    }
}
