package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental polling across a connector restart and a worker stop/start, on a worker with exactly-once source
 * support: items added while the connector was away must all arrive, and nothing delivered before may come again.
 * {@link HttpIncrementalRestartAtLeastOnceIT} runs the same on a worker without it, where duplicates are allowed
 * and losses are not.
 */
class HttpIncrementalRestartIT extends ConnectStackITBase {
    private final LoopbackHttpServer server = new LoopbackHttpServer();

    @Override
    protected void configureStack(ConnectStack.Builder builder) {
        builder.exactlyOnce();
    }

    /** Whether the worker runs with exactly-once source support (and the topic is read read_committed). */
    protected boolean exactlyOnce() {
        return true;
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private List<Long> idsAfterAtLeast(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = exactlyOnce()
                ? connect.consumeCommitted(topic, count, ConnectStack.DEFAULT_TIMEOUT)
                : connect.consume(topic, count);
        return ItemRecords.jsonIds(records);
    }

    private void assertDelivered(String topic, long lastId) {
        List<Long> ids = idsAfterAtLeast(topic, (int) lastId);
        if (exactlyOnce()) {
            assertThat(ItemRecords.jsonIds(connect.consumeAll(topic, true))).as("every id exactly once")
                    .containsExactlyElementsOf(ItemRecords.range(1, lastId));
        } else {
            assertThat(ids).as("every id at least once").containsAll(ItemRecords.range(1, lastId));
            assertThat(ItemRecords.jsonIds(connect.consumeAll(topic, false))).as("nothing but served ids")
                    .allMatch(id -> id >= 1 && id <= lastId);
        }
    }

    /** Waits until the worker has committed the offset of the record with id {@code id}, the cycle's highest. */
    private void awaitCommittedMax(String name, String endpoint, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, ?> offset = null;
        while (System.nanoTime() < deadline) {
            offset = connect.committedOffsets(name).get(Map.of("endpoint", endpoint));
            if (offset != null && (id.equals(String.valueOf(offset.get("cycle.max")))
                    || id.equals(String.valueOf(offset.get("incremental"))))) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("committed offset of " + name + " did not reach " + id + ": " + offset);
    }

    /** One connector reading one API into its own topic. */
    private static final class Source {
        final String name;
        final ItemsApi api;
        final String topic;

        Source(String name, ItemsApi api, String topic) {
            this.name = name;
            this.api = api;
            this.topic = topic;
        }
    }

    private void assertAllDelivered(List<Source> sources, long lastId) {
        for (Source source : sources) {
            assertDelivered(source.topic, lastId);
            awaitCommittedMax(source.name, source.api.urlTemplate(), Long.toString(lastId));
        }
    }

    /** Page-number and offset-limit: the types whose cycles end on an empty page after a partial last page. */
    @Test
    void itemsAddedWhileTheConnectorIsAwayArriveAfterAConnectorRestartAndAWorkerRestart() {
        List<Source> sources = new ArrayList<>();
        for (ItemsApi.Paging paging : List.of(ItemsApi.Paging.PAGE_NUMBER, ItemsApi.Paging.OFFSET_LIMIT)) {
            String name = "incremental-restart-" + paging.configValue;
            Source source = new Source(name, new ItemsApi(server, "/" + name, paging, 10).add(1, 25),
                    uniqueTopic(name));
            Map<String, String> config = ItemRecords.connectorConfig(source.api, source.topic,
                    ConverterConfigs.schemalessJson());
            // one cycle per start: what is added in between is only seen once the connector comes back
            config.put("http.poll.interval.ms", "600000");
            connect.startConnector(name, config);
            sources.add(source);
        }
        assertAllDelivered(sources, 25);

        // more than the rest of the last page: at since=0 the new items span pages 3 to 5
        for (Source source : sources) {
            source.api.add(26, 45);
            connect.restartConnector(source.name, 1);
        }
        assertAllDelivered(sources, 45);

        for (Source source : sources) {
            source.api.add(46, 70);
        }
        connect.restartWorker();
        for (Source source : sources) {
            connect.awaitRunning(source.name, 1);
        }
        assertAllDelivered(sources, 70);
        for (Source source : sources) {
            connect.deleteConnector(source.name);
        }
    }
}
