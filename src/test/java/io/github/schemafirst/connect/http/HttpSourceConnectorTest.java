package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** {@code alterOffsets}: every shape the task writes is accepted, anything else refused with a message. */
class HttpSourceConnectorTest {
    private static final String SINCE = "https://api.example.com/{{value}}?since={{incremental}}";
    private static final Map<String, ?> EU = Map.of("endpoint", "https://api.example.com/eu?since={{incremental}}");
    private final HttpSourceConnector connector = new HttpSourceConnector();
    private final Map<String, String> config = Map.of("name", "c", "topic", "t", "http.url", SINCE,
            "http.url.values", "eu,us", "http.incremental.field", "id");

    private boolean alter(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return connector.alterOffsets(config, offsets);
    }

    /** What the task itself writes, in each mode and state, with the numbers the REST API's JSON gives. */
    @Test
    void acceptsEveryShapeTheTaskWrites() {
        List<Map<String, ?>> shapes = List.of(
                Map.of(),
                Map.of("incremental", "2026-01-01T00:00:00Z"),
                Map.of("incremental", 42L),
                Map.of("incremental", 42),
                Map.of("incremental", 1.5),
                Map.of("cycle.page", "", "cycle.skip", 1L),
                Map.of("cycle.page", 3L, "cycle.skip", 0),
                Map.of("incremental", "5", "cycle.page", "https://api.example.com/eu?page=2", "cycle.skip", 2L,
                        "cycle.max", "21"),
                Map.of("incremental", "10", "incremental.ids", "[\"a\",\"b\"]"),
                Map.of("incremental", "10", "incremental.ids", "[\"a\"]", "cycle.page", "", "cycle.skip", 3L,
                        "cycle.max", 11L, "cycle.max.ids", "[\"c\"]"),
                Map.of("incremental", "10", "incremental.id", "k-7"),
                Map.of("incremental", "10", "incremental.id", 7L, "cycle.page", "c", "cycle.skip", 1L,
                        "cycle.max", "10", "cycle.max.id", "k-9"));
        for (Map<String, ?> shape : shapes) {
            assertThat(alter(EU, shape)).as(shape.toString()).isTrue();
            // and the task reads it
            EndpointOffset.fromMap(shape, null);
        }
        // what the task really wrote, round-tripped
        EndpointOffset written = EndpointOffset.inCycle(EndpointOffset.Mark.withIds("10", "[\"a\"]"), "p2", 4,
                EndpointOffset.Mark.withIds("12", "[\"x\",\"y\"]"));
        assertThat(alter(EU, written.toMap())).isTrue();
    }

    @Test
    void aNullOffsetRemovesAnyPartitionEvenOneNoLongerConfigured() {
        assertThat(alter(Map.of("endpoint", "https://old.example.com/x"), null)).isTrue();
        assertThat(connector.alterOffsets(Map.of(), Map.of())).isTrue();
    }

    @Test
    void refusesPartitionsThatAreNotConfiguredEndpoints() {
        assertThatThrownBy(() -> alter(Map.of("endpoint", "https://api.example.com/ap?since={{incremental}}"),
                Map.of("incremental", "1")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("is not an endpoint of this connector")
                .hasMessageContaining("{\"endpoint\": \"https://api.example.com/eu?since={{incremental}}\"}, "
                        + "{\"endpoint\": \"https://api.example.com/us?since={{incremental}}\"}");
        assertThatThrownBy(() -> alter(Map.of("url", "https://a/x"), Map.of("incremental", "1")))
                .hasMessageContaining("expected a source partition {\"endpoint\"");
        assertThatThrownBy(() -> alter(Map.of("endpoint", SINCE, "extra", "x"), Map.of("incremental", "1")))
                .hasMessageContaining("expected a source partition");
    }

    @Test
    void refusesKeysAndValuesTheTaskCannotRead() {
        assertThatThrownBy(() -> alter(EU, Map.of("since", "1"))).hasMessageContaining("unknown offset key 'since'");
        assertThatThrownBy(() -> alter(EU, Map.of("cycle.page", "2")))
                .hasMessageContaining("cycle.page and cycle.skip go together");
        assertThatThrownBy(() -> alter(EU, Map.of("cycle.page", "2", "cycle.skip", "x")))
                .hasMessageContaining("'cycle.skip': expected a whole number >= 0, got String x");
        assertThatThrownBy(() -> alter(EU, Map.of("cycle.page", "2", "cycle.skip", -1L)))
                .hasMessageContaining("expected a whole number >= 0");
        assertThatThrownBy(() -> alter(EU, Map.of("incremental", true)))
                .hasMessageContaining("'incremental': expected a string or a number, got Boolean true");
        assertThatThrownBy(() -> alter(EU, Map.of("incremental", "1", "incremental.ids", "a,b")))
                .hasMessageContaining("'incremental.ids': expected a JSON array of id strings");
        assertThatThrownBy(() -> alter(EU, Map.of("incremental", "1", "incremental.ids", List.of("a"))))
                .hasMessageContaining("expected a JSON array of ids as a string");
        assertThatThrownBy(() -> alter(EU, Map.of("incremental", "1", "cycle.max", "3")))
                .hasMessageContaining("cycle.max belongs to a cycle under way");
    }

    @Test
    void aConfigWithoutEndpointsIsReportedAsSuch() {
        assertThatThrownBy(() -> connector.alterOffsets(Map.of("name", "c"), Map.of(EU, Map.of("incremental", "1"))))
                .hasMessageContaining("cannot tell the connector's endpoints from its configuration");
    }
}
