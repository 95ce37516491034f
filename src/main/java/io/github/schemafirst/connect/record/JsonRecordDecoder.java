package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** Parses a record's bytes as one JSON value (a JSON line, an element of a JSON array, an HTTP API record). */
public final class JsonRecordDecoder implements RecordDecoder {
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .reader();

    @Override
    public JsonNode decode(RawRecord raw) throws InvalidRecordException {
        try {
            JsonNode node = READER.readTree(raw.bytes());
            if (node == null || node.isMissingNode()) {
                throw new InvalidRecordException(raw.position(), "/", "expected a JSON value, got an empty record");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new InvalidRecordException(raw.position(), "/", "invalid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidRecordException(raw.position(), "/", "cannot read JSON: " + e.getMessage(), e);
        }
    }
}
