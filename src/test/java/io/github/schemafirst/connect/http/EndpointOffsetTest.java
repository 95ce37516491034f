package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointOffsetTest {

    @Test
    void betweenCyclesStoresOnlyTheIncrementalValue() {
        assertThat(EndpointOffset.betweenCycles("42").toMap()).isEqualTo(Map.of("incremental", "42"));
        assertThat(EndpointOffset.betweenCycles(null).toMap()).isEmpty();
    }

    @Test
    void inCycleRoundTripsThroughTheMap() {
        EndpointOffset offset = EndpointOffset.inCycle("10", "cursor-x", 3, "17");
        assertThat(offset.toMap()).isEqualTo(Map.of("incremental", "10", "cycle.page", "cursor-x",
                "cycle.skip", 3L, "cycle.max", "17"));
        assertThat(EndpointOffset.fromMap(offset.toMap(), "0")).isEqualTo(offset);
    }

    @Test
    void theFirstPageIsStoredAsAnEmptyToken() {
        EndpointOffset offset = EndpointOffset.inCycle(null, null, 1, null);
        assertThat(offset.toMap()).isEqualTo(Map.of("cycle.page", "", "cycle.skip", 1L));
        assertThat(EndpointOffset.fromMap(offset.toMap(), null).pageToken()).isNull();
    }

    @Test
    void noStoredOffsetStartsFromTheInitialValue() {
        assertThat(EndpointOffset.fromMap(null, "2020-01-01")).isEqualTo(EndpointOffset.betweenCycles("2020-01-01"));
        assertThat(EndpointOffset.fromMap(Map.of(), "5")).isEqualTo(EndpointOffset.betweenCycles("5"));
    }

    @Test
    void toleratesNumbersOfAnyWidthFromTheOffsetStore() {
        Map<String, Object> stored = new HashMap<>();
        stored.put("cycle.page", "3");
        stored.put("cycle.skip", 2);
        assertThat(EndpointOffset.fromMap(stored, null).skip()).isEqualTo(2L);
    }
}
