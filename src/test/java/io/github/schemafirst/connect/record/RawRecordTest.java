package io.github.schemafirst.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RawRecordTest {

    /** Each character of {@code latin1} is one byte, so {@code "\u00C0\u00AF"} is the bytes C0 AF. */
    private static RawRecord record(String latin1) {
        return new RawRecord(Position.line("t.jsonl", 3), latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Jackson's byte parser decodes every one of these first five to some other text
        "x\u00C0\u00AF|overlong encoding|1",
        "xy\u00E0\u0080\u00AF|overlong encoding|2",
        "\u00F0\u0080\u0080\u00AF|overlong encoding|0",
        "abc\u00ED\u00A0\u0080|encoded surrogate|3",
        "\u00F4\u0090\u0080\u0080|code point above U+10FFFF|0",
        "a\u00FF|0xFF never occurs in UTF-8|1",
        "\u00F5\u0080\u0080\u0080|0xF5 never occurs in UTF-8|0",
        "ab\u0080|unexpected continuation byte|2",
        "\u00C3(|truncated sequence|0",
        "\u00C3\u00A9\u00E2\u0082|truncated sequence|2"})
    void namesWhatIsWrongAndTheByteWhereItStarts(String latin1, String reason, int at) {
        String expected = "t.jsonl:3 /: expected UTF-8 text, got invalid UTF-8 bytes (" + reason + ") at byte " + at;
        assertThatThrownBy(() -> record(latin1).requireUtf8())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> record(latin1).utf8Text())
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage(expected)
                .extracting(e -> ((InvalidRecordException) e).fieldPath()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ASCII", "Zoë-Müller", "€ 5", "😀 U+1F600", "\uFEFFbyte order mark", "\u0000",
        "\uD7FF \uE000 \uFFFF \uDBFF\uDFFF"})
    void acceptsEveryWellFormedText(String text) throws InvalidRecordException {
        RawRecord raw = new RawRecord(Position.line("t.jsonl", 1), text.getBytes(StandardCharsets.UTF_8));
        raw.requireUtf8();
        assertThat(raw.utf8Text()).isEqualTo(text);
    }
}
