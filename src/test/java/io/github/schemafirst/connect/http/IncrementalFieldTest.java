package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class IncrementalFieldTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsATopLevelFieldOrAPointer() throws Exception {
        assertThat(IncrementalField.of("id").valueOf(json.readTree("{\"id\":12}"))).contains("12");
        assertThat(IncrementalField.of("/meta/updated").valueOf(json.readTree("{\"meta\":{\"updated\":\"t\"}}")))
                .contains("t");
        assertThat(IncrementalField.of("a/b").valueOf(json.readTree("{\"a/b\":\"slash\"}"))).contains("slash");
    }

    @Test
    void missingNullOrStructuredValuesAreIgnored() throws Exception {
        IncrementalField field = IncrementalField.of("id");
        assertThat(field.valueOf(json.readTree("{}"))).isEmpty();
        assertThat(field.valueOf(json.readTree("{\"id\":null}"))).isEmpty();
        assertThat(field.valueOf(json.readTree("{\"id\":{\"x\":1}}"))).isEmpty();
    }

    @Test
    void numbersCompareNumericallyAndTextLexically() {
        assertThat(IncrementalField.max("9", "10")).isEqualTo("10");
        assertThat(IncrementalField.max("2024-01-02T00:00:00Z", "2024-01-10T00:00:00Z"))
                .isEqualTo("2024-01-10T00:00:00Z");
        assertThat(IncrementalField.max(null, "3")).isEqualTo("3");
        assertThat(IncrementalField.max("3", null)).isEqualTo("3");
    }
}
