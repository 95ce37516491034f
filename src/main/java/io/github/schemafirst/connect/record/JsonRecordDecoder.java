package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/** Parses a record's bytes as one JSON value (a JSON line, an element of a JSON array, an HTTP API record). */
public final class JsonRecordDecoder implements RecordDecoder {
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\(start marker at \\[Source: [^\\]]*?line: \\d+, column: (\\d+)\\]\\)");
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .reader();

    /**
     * Jackson appends where a construct started as {@code (start marker at [Source: ...; line: 1, column: 1])}; the
     * source description is noise in a record error, the column is not.
     */
    static String withoutSourceDescription(String message) {
        return SOURCE_LOCATION.matcher(message).replaceAll("(opened at column $1)");
    }

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
                    + withoutSourceDescription(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InvalidRecordException(raw.position(), "/", "cannot read JSON: " + e.getMessage(), e);
        }
    }
}
