package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParsedRecordDecoderTest {

    private static RawRecord raw(String text) {
        return new RawRecord(Position.item("http://x/", 0), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void returnsTheNodeParsedWithThePageWithoutReadingTheBytes() {
        RawRecord record = raw("{\"id\" : 1}");
        JsonNode node = JsonNodeFactory.instance.objectNode().put("id", 1);
        assertThat(new ParsedRecordDecoder(record, node).decode(record)).isSameAs(node);
    }

    @Test
    void refusesAnyOtherRecord() {
        RawRecord record = raw("{\"id\":1}");
        ParsedRecordDecoder decoder = new ParsedRecordDecoder(record, JsonNodeFactory.instance.objectNode());
        assertThatThrownBy(() -> decoder.decode(raw("{\"id\":1}"))).isInstanceOf(IllegalArgumentException.class);
    }
}
