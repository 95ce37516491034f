package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import java.util.Objects;

/**
 * Decodes exactly one raw record, the one it was built for, by returning the tree parsed with its page: an HTTP
 * record is parsed once, with the whole response body, under the same rules as {@code JsonRecordDecoder}. Like
 * that decoder it refuses a record whose bytes are not strictly UTF-8, which the page's parser decoded to other text.
 */
final class ParsedRecordDecoder implements RecordDecoder {
    private final RawRecord raw;
    private final JsonNode node;

    ParsedRecordDecoder(RawRecord raw, JsonNode node) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public JsonNode decode(RawRecord record) throws InvalidRecordException {
        if (record != raw) {
            // a decoder handed the wrong record would map another record's value under this one's position
            throw new IllegalArgumentException("decoder built for " + raw + ", given " + record);
        }
        raw.requireUtf8();
        return node;
    }
}
