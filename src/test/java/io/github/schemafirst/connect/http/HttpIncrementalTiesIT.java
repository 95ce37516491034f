package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.TimestampedItemsApi.second;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental polling of an "updated since" API with second resolution, on a worker with exactly-once source
 * support: items that share a second, including ones that appear in a second already read (late commits), arrive
 * exactly once with {@code http.incremental.mode=inclusive}, across cycles and across a connector restart. Two
 * controls on the same data show what the test would catch: exclusive mode against a {@code >} filter never
 * delivers the late items, against a {@code >=} filter it delivers the boundary items again every cycle. Also:
 * offsets set through the REST API ({@code PATCH /connectors/{name}/offsets}) with a numeric value, and refused for
 * a partition that is not an endpoint.
 */
class HttpIncrementalTiesIT extends ConnectStackITBase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final LoopbackHttpServer server = new LoopbackHttpServer();

    @Override
    protected void configureStack(ConnectStack.Builder builder) {
        builder.exactlyOnce();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private static final class Source {
        final String name;
        final TimestampedItemsApi api;
        final String topic;

        Source(String name, TimestampedItemsApi api, String topic) {
            this.name = name;
            this.api = api;
            this.topic = topic;
        }
    }

    private Source start(String name, String mode, boolean strictlyAfter) {
        TimestampedItemsApi api = new TimestampedItemsApi(server, "/" + name);
        Source source = new Source(name, api, uniqueTopic(name));
        Map<String, String> config = new HashMap<>(ConverterConfigs.schemalessJson());
        config.put("connector.class", HttpSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", source.topic);
        config.put("value.schema", TimestampedItemsApi.SCHEMA);
        config.putAll(api.connectorConfig(mode, strictlyAfter));
        connect.configureConnector(name, config);
        return source;
    }

    private List<Long> committedIds(Source source) {
        return ItemRecords.jsonIds(connect.consumeAll(source.topic, true));
    }

    /** Waits until the topic holds at least {@code count} committed records, then returns all of them. */
    private List<Long> awaitIds(Source source, int count) {
        connect.consumeCommitted(source.topic, count, TIMEOUT);
        return committedIds(source);
    }

    @Test
    void itemsSharingASecondArriveExactlyOnceAcrossCyclesAndAConnectorRestart() {
        Source inclusive = start("ties-inclusive", "inclusive", false);
        Source strictlyAfter = start("ties-exclusive-gt", "exclusive", true);
        Source orEqual = start("ties-exclusive-gte", "exclusive", false);
        List<Source> all = List.of(inclusive, strictlyAfter, orEqual);
        for (Source source : all) {
            // eight items over two seconds, pages of three: ties cross page boundaries
            source.api.add(1, 5, second(0)).add(6, 8, second(1));
            connect.awaitRunning(source.name, 1);
        }

        assertThat(awaitIds(inclusive, 8)).containsExactlyElementsOf(ItemRecords.range(1, 8));
        inclusive.api.awaitCyclesSince(second(1), 3, TIMEOUT);
        assertThat(committedIds(inclusive)).as("three more cycles from second 1: nothing again")
                .containsExactlyElementsOf(ItemRecords.range(1, 8));
        orEqual.api.awaitCyclesSince(second(1), 3, TIMEOUT);
        assertThat(ItemRecords.counts(committedIds(orEqual)).get(8L))
                .as("control: exclusive mode against >= delivers the boundary items every cycle").isGreaterThan(2);

        // late commits in the second already read, and an item in a newer second
        for (Source source : all) {
            source.api.add(9, 10, second(1)).add(11, 11, second(2));
        }
        assertThat(awaitIds(inclusive, 11)).containsExactlyElementsOf(ItemRecords.range(1, 11));
        inclusive.api.awaitCyclesSince(second(2), 3, TIMEOUT);
        assertThat(committedIds(inclusive)).containsExactlyElementsOf(ItemRecords.range(1, 11));
        strictlyAfter.api.awaitCyclesSince(second(2), 3, TIMEOUT);
        assertThat(committedIds(strictlyAfter)).as("control: exclusive mode against > never sees the late items")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 11L);

        // across a restart: the new task starts from the committed offset, ids at second 2 included
        connect.restartConnector(inclusive.name, 1);
        inclusive.api.add(12, 13, second(2)).add(14, 14, second(3));
        assertThat(awaitIds(inclusive, 14)).containsExactlyElementsOf(ItemRecords.range(1, 14));
        inclusive.api.awaitCyclesSince(second(3), 3, TIMEOUT);
        assertThat(committedIds(inclusive)).as("every item exactly once, in order")
                .containsExactlyElementsOf(ItemRecords.range(1, 14));
        for (Source source : all) {
            connect.deleteConnector(source.name);
        }
    }

    @Test
    void offsetsSetThroughTheRestApiAreReadAndUnknownEndpointsRefused() {
        String name = "offsets-rest";
        ItemsApi api = new ItemsApi(server, "/" + name, ItemsApi.Paging.PAGE_NUMBER, 10).add(1, 30);
        String topic = uniqueTopic(name);
        connect.startConnector(name, ItemRecords.connectorConfig(api, topic, ConverterConfigs.schemalessJson()));
        assertThat(ItemRecords.jsonIds(connect.consumeCommitted(topic, 30, TIMEOUT)))
                .containsExactlyElementsOf(ItemRecords.range(1, 30));
        api.awaitRequestSince("30", TIMEOUT);

        connect.cluster().stopConnector(name);
        awaitState(name, "STOPPED");
        Map<String, String> partition = Map.of("endpoint", api.urlTemplate());
        assertThatThrownBy(() -> connect.cluster().alterSourceConnectorOffset(name,
                Map.of("endpoint", api.urlTemplate() + "&other"), Map.of("incremental", 25)))
                .hasMessageContaining("is not an endpoint of this connector");
        assertThatThrownBy(() -> connect.cluster().alterSourceConnectorOffset(name, partition,
                Map.of("incremental", 25, "cycle.skip", 1)))
                .hasMessageContaining("cycle.page and cycle.skip go together");
        // a number, as a user types it into the JSON of PATCH /connectors/{name}/offsets
        connect.cluster().alterSourceConnectorOffset(name, partition, Map.of("incremental", 25));
        assertThat(String.valueOf(connect.committedOffsets(name).get(partition).get("incremental"))).isEqualTo("25");

        connect.cluster().resumeConnector(name);
        api.awaitRequestSince("25", TIMEOUT);
        assertThat(ItemRecords.jsonIds(connect.consumeCommitted(topic, 35, TIMEOUT)))
                .as("ids 26..30 again, from the value set by hand").endsWith(26L, 27L, 28L, 29L, 30L).hasSize(35);
        connect.deleteConnector(name);
    }

    private void awaitState(String name, String state) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = connect.status(name).connector().state();
            if (state.equals(last)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError(name + " did not reach " + state + " within " + TIMEOUT + "; last " + last);
    }
}
