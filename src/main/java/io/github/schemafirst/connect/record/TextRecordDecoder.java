package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A line of text as a string value; bytes that are not valid UTF-8 are an invalid record, never replaced. */
public final class TextRecordDecoder implements RecordDecoder {
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    @Override
    public JsonNode decode(RawRecord raw) throws InvalidRecordException {
        try {
            return TextNode.valueOf(utf8.decode(ByteBuffer.wrap(raw.bytes())).toString());
        } catch (CharacterCodingException e) {
            throw new InvalidRecordException(raw.position(), "/", "expected UTF-8 text, got invalid UTF-8 bytes", e);
        }
    }
}
