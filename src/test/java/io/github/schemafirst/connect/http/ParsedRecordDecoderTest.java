package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParsedRecordDecoderTest {

    private static RawRecord raw(String text) {
        return new RawRecord(Position.item("http://x/", 0), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void returnsTheNodeParsedWithThePageWithoutParsingTheBytes() throws InvalidRecordException {
        RawRecord record = raw("{\"id\" : 1}");
        JsonNode node = JsonNodeFactory.instance.objectNode().put("id", 1);
        assertThat(new ParsedRecordDecoder(record, node).decode(record)).isSameAs(node);
    }

    @Test
    void aRecordWhoseBytesAreNotStrictUtf8IsInvalidThoughThePageParsed() {
        // the page's parser read C0 AF as "/"; the record's own bytes show what arrived
        RawRecord record = new RawRecord(Position.item("http://x/", 2),
                "{\"p\":\"a\u00C0\u00AF\"}".getBytes(StandardCharsets.ISO_8859_1));
        JsonNode parsed = JsonNodeFactory.instance.objectNode().put("p", "a/");
        assertThatThrownBy(() -> new ParsedRecordDecoder(record, parsed).decode(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("http://x/#2 /: expected UTF-8 text, got invalid UTF-8 bytes (overlong encoding) "
                        + "at byte 7");
    }

    @Test
    void refusesAnyOtherRecord() {
        RawRecord record = raw("{\"id\":1}");
        ParsedRecordDecoder decoder = new ParsedRecordDecoder(record, JsonNodeFactory.instance.objectNode());
        assertThatThrownBy(() -> decoder.decode(raw("{\"id\":1}"))).isInstanceOf(IllegalArgumentException.class);
    }
}
