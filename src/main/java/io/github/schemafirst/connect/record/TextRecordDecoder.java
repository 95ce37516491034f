package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** A line of text as a string value; bytes that are not valid UTF-8 are an invalid record, never replaced. */
public final class TextRecordDecoder implements RecordDecoder {

    @Override
    public JsonNode decode(RawRecord raw) throws InvalidRecordException {
        return TextNode.valueOf(raw.utf8Text());
    }
}
