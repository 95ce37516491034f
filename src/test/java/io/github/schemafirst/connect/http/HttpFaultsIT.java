package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.http.ItemsApi.Fault;
import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A loopback API that misbehaves in a scripted order while a connector reads it on a worker with exactly-once
 * source support: HTTP 500, 429 with {@code Retry-After: 1}, a stall beyond the read timeout, a connection reset
 * and a 200 with an HTML body in the middle of a cycle, and another HTML body on the first page of a later cycle.
 * Every item must land in the topic exactly once, the HTML bodies in the dead-letter topic, and the task must keep
 * running. {@link HttpFaultsAtLeastOnceIT} runs the same
 * without exactly-once support: nothing lost.
 */
class HttpFaultsIT extends ConnectStackITBase {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private ItemsApi api;

    @Override
    protected void configureStack(ConnectStack.Builder builder) {
        builder.exactlyOnce();
    }

    /** Whether the worker runs with exactly-once source support (and topics are read read_committed). */
    protected boolean exactlyOnce() {
        return true;
    }

    @AfterAll
    void stopServer() {
        if (api != null) {
            api.close();
        }
        server.close();
    }

    private List<ConsumerRecord<byte[], byte[]>> atLeast(String topic, int count) {
        return exactlyOnce() ? connect.consumeCommitted(topic, count, ConnectStack.DEFAULT_TIMEOUT)
                : connect.consume(topic, count);
    }

    private void assertDelivered(String topic, long lastId) {
        List<Long> ids = ItemRecords.jsonIds(atLeast(topic, (int) lastId));
        assertThat(ids).as("every id at least once").containsAll(ItemRecords.range(1, lastId));
        List<Long> all = ItemRecords.jsonIds(connect.consumeAll(topic, exactlyOnce()));
        if (exactlyOnce()) {
            assertThat(all).as("every id exactly once, in order")
                    .containsExactlyElementsOf(ItemRecords.range(1, lastId));
        } else {
            assertThat(all).as("nothing but served ids").allMatch(id -> id >= 1 && id <= lastId);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void retriesThroughServerFaultsAndDeadLettersAGarbageBodyWithoutLosingOrRepeatingItems() {
        String name = "faults";
        api = new ItemsApi(server, "/" + name, ItemsApi.Paging.PAGE_NUMBER, 10).add(1, 25)
                // page 1 answers; page 2 then fails four ways before it answers, then once with an HTML body
                .failAfter(1, Fault.SERVER_ERROR, Fault.TOO_MANY_REQUESTS, Fault.STALL, Fault.RESET, Fault.GARBAGE);
        String topic = uniqueTopic(name);
        String deadLetters = uniqueTopic(name + "-dlq");
        Map<String, String> config = ItemRecords.connectorConfig(api, topic, ConverterConfigs.schemalessJson());
        config.put("http.read.timeout.ms", "1000");
        config.put("http.retry.max.attempts", "6");
        config.put("invalid.record.policy", "dead-letter");
        config.put("invalid.record.topic", deadLetters);
        long started = System.nanoTime();
        connect.startConnector(name, config);

        assertDelivered(topic, 25);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("Retry-After: 1 and the 1 s read timeout")
                .isGreaterThan(Duration.ofSeconds(2));
        for (Fault fault : Fault.values()) {
            assertThat(api.faultsServed(fault)).as(fault.name()).isEqualTo(1);
        }
        // the HTML body is dead-lettered and the same page asked for again: pages before it are not read twice
        assertThat(api.requests().subList(1, 7)).as("page 2 until it answered")
                .allMatch(r -> "2".equals(LoopbackHttpServer.param(r, "page")));
        api.awaitRequestSince("25", Duration.ofSeconds(30));

        // the first request that can see the new items gets an HTML page instead: the incremental value stays
        api.addThenFail(26, 35, Fault.GARBAGE);
        assertDelivered(topic, 35);
        assertThat(api.faultsServed(Fault.GARBAGE)).isEqualTo(2);
        api.awaitRequestSince("35", Duration.ofSeconds(30));
        assertDelivered(topic, 35);

        List<ConsumerRecord<byte[], byte[]>> dead = atLeast(deadLetters, 2);
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            assertThat(new String(letter.value(), StandardCharsets.UTF_8))
                    .isEqualTo("\"" + ItemsApi.GARBAGE_BODY + "\"");
            assertThat(header(letter, RecordPipeline.HEADER_ERROR)).contains("expected a JSON body, got invalid JSON");
        }
        assertThat(header(dead.get(0), RecordPipeline.HEADER_POSITION)).endsWith("since=0&page=2&size=10#-1");
        assertThat(header(dead.get(1), RecordPipeline.HEADER_POSITION)).endsWith("since=25&page=1&size=10#-1");
        if (exactlyOnce()) {
            assertThat(connect.consumeAll(deadLetters, true)).hasSize(2);
        }
        connect.awaitRunning(name, 1);
        connect.deleteConnector(name);
    }
}
