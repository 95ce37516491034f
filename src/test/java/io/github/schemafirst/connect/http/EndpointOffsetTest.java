package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointOffsetTest {

    @Test
    void betweenCyclesStoresOnlyTheIncrementalValue() {
        assertThat(EndpointOffset.betweenCycles("42").toMap()).isEqualTo(Map.of("incremental", "42"));
        assertThat(EndpointOffset.betweenCycles((String) null).toMap()).isEmpty();
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
        EndpointOffset offset = EndpointOffset.inCycle((String) null, null, 1, null);
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

    @Test
    void inclusiveAndCompositeMarksRoundTripThroughTheMap() {
        EndpointOffset inclusive = EndpointOffset.inCycle(EndpointOffset.Mark.withIds("10", "[\"a\",\"b\"]"), "2", 3,
                EndpointOffset.Mark.withIds("11", "[\"c\"]"));
        assertThat(inclusive.toMap()).isEqualTo(Map.of("incremental", "10", "incremental.ids", "[\"a\",\"b\"]",
                "cycle.page", "2", "cycle.skip", 3L, "cycle.max", "11", "cycle.max.ids", "[\"c\"]"));
        assertThat(EndpointOffset.fromMap(inclusive.toMap(), null)).isEqualTo(inclusive);

        EndpointOffset composite = EndpointOffset.betweenCycles(EndpointOffset.Mark.withId("10", "k-7"));
        assertThat(composite.toMap()).isEqualTo(Map.of("incremental", "10", "incremental.id", "k-7"));
        assertThat(EndpointOffset.fromMap(composite.toMap(), null)).isEqualTo(composite);
    }

    @Test
    void noIdsAreStoredAsNoKeyAtAll() {
        assertThat(EndpointOffset.betweenCycles(EndpointOffset.Mark.withIds("10", "[]")).toMap())
                .isEqualTo(Map.of("incremental", "10"));
    }

    @Test
    void numericValuesFromTheRestApiReadAsTheirPlainText() {
        Map<String, Object> stored = new HashMap<>();
        stored.put("incremental", 1.5E10);
        stored.put("cycle.page", 4L);
        stored.put("cycle.skip", "2");
        stored.put("cycle.max", 42.0);
        EndpointOffset offset = EndpointOffset.fromMap(stored, null);
        assertThat(offset.incremental()).isEqualTo("15000000000");
        assertThat(offset.pageToken()).isEqualTo("4");
        assertThat(offset.skip()).isEqualTo(2L);
        assertThat(offset.cycleMax()).isEqualTo("42");
        assertThat(EndpointOffset.fromMap(Map.of("incremental", 7), null).incremental()).isEqualTo("7");
    }

    @Test
    void anOffsetOfTheFirstVersionReadsAsItDidBefore() {
        EndpointOffset offset = EndpointOffset.fromMap(Map.of("incremental", "5", "cycle.page", "2", "cycle.skip", 2L,
                "cycle.max", "21"), null);
        assertThat(offset.start()).isEqualTo(EndpointOffset.Mark.of("5"));
        assertThat(offset.max()).isEqualTo(EndpointOffset.Mark.of("21"));
        assertThat(offset.toMap()).isEqualTo(Map.of("incremental", "5", "cycle.page", "2", "cycle.skip", 2L,
                "cycle.max", "21"));
    }
}
