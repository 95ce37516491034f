package io.github.schemafirst.connect.record;

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
    // Duplicate members are refused while building the tree (a look-up the tree does anyway), not by the parser's
    // STRICT_DUPLICATE_DETECTION, which allocates a set of names for every object of three or more members: on
    // the hot path that was 300 of ~2,250 bytes allocated per User record (see docs/benchmarks.md).
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .reader();

    /**
     * The reader every JSON source parses with: one value only (trailing tokens refused), duplicate members refused at
     * any depth, decimals kept exact. Shared so that an HTTP body is held to the same rules as a JSON line.
     */
    public static ObjectReader reader() {
        return READER;
    }

    /** Why {@link #reader()} refused some input, in a user's words: no feature names, no source description. */
    public static String reason(JsonProcessingException e) {
        return withoutSourceDescription(withoutFeatureName(e.getOriginalMessage()));
    }

    /**
     * Jackson appends where a construct started as {@code (start marker at [Source: ...; line: 1, column: 1])}; the
     * source description is noise in a record error, the column is not.
     */
    static String withoutSourceDescription(String message) {
        return SOURCE_LOCATION.matcher(message).replaceAll("(opened at column $1)");
    }

    @Override
    public JsonNode decode(RawRecord raw) throws InvalidRecordException {
        // Jackson would decode an overlong sequence or an encoded surrogate to other text rather than refuse it
        raw.requireUtf8();
        try {
            JsonNode node = READER.readTree(raw.bytes());
            if (node == null || node.isMissingNode()) {
                throw new InvalidRecordException(raw.position(), "/", "expected a JSON value, got an empty record");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new InvalidRecordException(raw.position(), "/", "invalid JSON" + where + ": "
                    + reason(e), e);
        } catch (IOException e) {
            throw new InvalidRecordException(raw.position(), "/", "cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** "Duplicate field 'id' for `ObjectNode`: not allowed when ..." reads "Duplicate field 'id'" to a user. */
    private static String withoutFeatureName(String message) {
        int detail = message == null ? -1 : message.indexOf(" for `ObjectNode`: not allowed when");
        return detail > 0 ? message.substring(0, detail) : message;
    }
}
