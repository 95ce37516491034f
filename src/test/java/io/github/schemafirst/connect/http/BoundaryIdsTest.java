package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundaryIdsTest {

    @Test
    void roundTripsAsAJsonArrayInInsertionOrder() {
        BoundaryIds ids = BoundaryIds.empty();
        ids.add("b");
        ids.add("a \"quoted\"");
        ids.add("b");
        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.toJson()).isEqualTo("[\"b\",\"a \\\"quoted\\\"\"]");
        assertThat(BoundaryIds.parse(ids.toJson())).isEqualTo(ids);
    }

    @Test
    void longIdsAreKeptAsFixedLengthDigests() {
        String id = "x".repeat(65);
        String key = BoundaryIds.key(id);
        assertThat(key).startsWith("sha256:").hasSize(50).isEqualTo(BoundaryIds.digest(id));
        assertThat(BoundaryIds.key("y".repeat(64))).isEqualTo("y".repeat(64));
        // a stored long id (say, set by hand) is known by its digest too
        assertThat(BoundaryIds.parse("[\"" + id + "\"]").contains(key)).isTrue();
    }

    @Test
    void numbersInAHandWrittenArrayAreIdsToo() {
        assertThat(BoundaryIds.parse("[1, \"2\"]").toJson()).isEqualTo("[\"1\",\"2\"]");
        assertThat(BoundaryIds.parse(null).isEmpty()).isTrue();
        assertThat(BoundaryIds.parse(" ").isEmpty()).isTrue();
    }

    @Test
    void refusesWhatIsNotAnArrayOfIds() {
        assertThatThrownBy(() -> BoundaryIds.parse("a,b")).hasMessageContaining("expected a JSON array of id strings");
        assertThatThrownBy(() -> BoundaryIds.parse("{\"a\":1}")).hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> BoundaryIds.parse("[[1]]")).hasMessageContaining("an element [1]");
    }
}
