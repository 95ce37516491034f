package io.github.schemafirst.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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

    @Test
    void invalidUtf8InsideAStringIsRefused() {
        byte[] bytes = {'"', 'a', (byte) 0xC3, (byte) 0x28, '"'};
        assertThatThrownBy(() -> decoder.decode(new RawRecord(Position.line("x.jsonl", 1), bytes)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("Invalid UTF-8");
    }

    @Test
    void decimalsKeepEveryDigit() throws InvalidRecordException {
        assertThat(decoder.decode(line("{\"amount\": 12.30}")).get("amount").decimalValue())
                .isEqualByComparingTo("12.30");
    }
}
