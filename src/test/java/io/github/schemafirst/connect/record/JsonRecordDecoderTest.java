package io.github.schemafirst.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonRecordDecoderTest {
    private static final Position POSITION = Position.line("users.jsonl", 7);
    private final JsonRecordDecoder decoder = new JsonRecordDecoder();

    private static RawRecord raw(String json) {
        return new RawRecord(POSITION, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesOneJsonValueKeepingDecimalsExact() throws Exception {
        JsonNode node = decoder.decode(raw("{\"name\": \"Jörg\", \"favorite_number\": 0.1}"));
        assertThat(node.get("name").textValue()).isEqualTo("Jörg");
        assertThat(node.get("favorite_number").decimalValue()).isEqualByComparingTo(new BigDecimal("0.1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"a\", \"name\": \"b\"}|name",
        "{\"a\": 1, \"b\": 2, \"c\": 3, \"a\": 4}|a",
        "{\"user\": {\"id\": 1, \"id\": 2}}|id",
        "{\"users\": [{\"id\": 1}, {\"id\": 2, \"x\": 0, \"id\": 3}]}|id",
        "[{\"k\": 1, \"k\": 1}]|k"})
    void rejectsDuplicateMembersNamingThem(String json, String member) {
        assertThatThrownBy(() -> decoder.decode(raw(json)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("users.jsonl:7 /: invalid JSON")
                .hasMessageContaining("Duplicate field '" + member + "'")
                .hasMessageNotContaining("FAIL_ON_");
    }

    @Test
    void sameMemberNameInSiblingObjectsIsNotADuplicate() throws Exception {
        JsonNode node = decoder.decode(raw("{\"a\": {\"id\": 1}, \"b\": {\"id\": 2}, \"id\": 3}"));
        assertThat(node.get("id").intValue()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"a\"} {}|Trailing token",
        "{\"name\": |end-of-input",
        "''|empty record"})
    void rejectsWhatIsNotExactlyOneJsonValue(String json, String hint) {
        assertThatThrownBy(() -> decoder.decode(raw(json)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("users.jsonl:7 /: ")
                .hasMessageContaining(hint);
    }
}
