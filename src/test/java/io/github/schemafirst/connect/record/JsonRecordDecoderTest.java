package io.github.schemafirst.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRecordDecoderTest {
    private final JsonRecordDecoder decoder = new JsonRecordDecoder();

    private static RawRecord line(String text) {
        return new RawRecord(Position.line("users-with-errors.jsonl", 6), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void truncatedObjectNamesTheColumnWhereItWasOpenedWithoutJacksonSourceNoise() {
        assertThatThrownBy(() -> decoder.decode(line(
                "{\"name\": \"Kwame-Mensah\", \"favorite_number\": 7, \"favorite_color\": \"purple\"")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("users-with-errors.jsonl:6 /: invalid JSON at column 74: Unexpected end-of-input: "
                        + "expected close marker for Object (opened at column 1)");
    }

    @Test
    void trailingGarbageAfterTheValueIsRefused() {
        assertThatThrownBy(() -> decoder.decode(line("{\"a\":1} x")))
                .hasMessageStartingWith("users-with-errors.jsonl:6 /: invalid JSON at column");
    }

    @Test
    void duplicateFieldsAreRefused() {
        assertThatThrownBy(() -> decoder.decode(line("{\"a\":1,\"a\":2}")))
                .hasMessageContaining("Duplicate field 'a'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"a\", \"name\": \"b\"}|name",
        "{\"a\": 1, \"b\": 2, \"c\": 3, \"a\": 4}|a",
        "{\"user\": {\"id\": 1, \"id\": 2}}|id",
        "{\"users\": [{\"id\": 1}, {\"id\": 2, \"x\": 0, \"id\": 3}]}|id",
        "[{\"k\": 1, \"k\": 1}]|k"})
    void duplicateMembersAreRefusedAtAnyDepthInPlainWords(String json, String member) {
        assertThatThrownBy(() -> decoder.decode(line(json)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("users-with-errors.jsonl:6 /: invalid JSON at column ")
                .hasMessageEndingWith(": Duplicate field '" + member + "'");
    }

    @Test
    void sameMemberNameInSiblingObjectsIsNotADuplicate() throws InvalidRecordException {
        JsonNode node = decoder.decode(line("{\"a\": {\"id\": 1}, \"b\": {\"id\": 2}, \"id\": 3}"));
        assertThat(node.get("id").intValue()).isEqualTo(3);
        assertThat(node.get("b").get("id").intValue()).isEqualTo(2);
    }

    @Test
    void anEmptyRecordIsRefused() {
        assertThatThrownBy(() -> decoder.decode(line("")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("users-with-errors.jsonl:6 /: expected a JSON value, got an empty record");
    }

    @Test
    void invalidUtf8InsideAStringIsRefused() {
        byte[] bytes = {'"', 'a', (byte) 0xC3, (byte) 0x28, '"'};
        assertThatThrownBy(() -> decoder.decode(new RawRecord(Position.line("x.jsonl", 1), bytes)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("x.jsonl:1 /: expected UTF-8 text, got invalid UTF-8 bytes (truncated sequence) at byte 2");
    }

    /** Jackson alone would read C0 AF as "/" and ED A0 80 as a lone surrogate: the record's text would change. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"path\": \"a\u00C0\u00AFb\"}|overlong encoding|11",
        "{\"k\u00ED\u00A0\u0080\": 1}|encoded surrogate|3",
        "[\"\u00ED\u00A0\u00BD\u00ED\u00B8\u0080\"]|encoded surrogate|2"})
    void utf8ThatJacksonWouldAcceptButIsNotStrictIsRefused(String latin1, String reason, int at) {
        RawRecord raw = new RawRecord(Position.line("x.jsonl", 4), latin1.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> decoder.decode(raw))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("x.jsonl:4 /: expected UTF-8 text, got invalid UTF-8 bytes (" + reason + ") at byte " + at);
    }

    @Test
    void multiByteCharactersAreDecoded() throws InvalidRecordException {
        assertThat(decoder.decode(line("{\"name\": \"Zoë 😀\"}")).get("name").textValue()).isEqualTo("Zoë 😀");
    }

    @Test
    void decimalsKeepEveryDigit() throws InvalidRecordException {
        assertThat(decoder.decode(line("{\"amount\": 12.30}")).get("amount").decimalValue())
                .isEqualByComparingTo("12.30");
    }
}
