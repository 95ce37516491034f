package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.StrictUtf8;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the records in a response body: the array at {@code http.records.pointer} (or the body itself), a single
 * object counting as one record. Parsed with {@link JsonRecordDecoder#reader()}, so a body is held to the same rules
 * as a JSON line. Each record's bytes are sliced from the body (the exact original text, for dead letters) by a second,
 * token-only pass over the body, which costs less than writing every parsed element back to bytes.
 *
 * <p>The parser decodes some bytes that are not UTF-8 (overlong forms, encoded surrogates) to other text. A record's
 * slice is checked when the record is decoded, so only that record is invalid; the bytes around the records, which
 * pagination reads, are checked here, and bytes there that are not strictly UTF-8 make the body invalid.
 */
public final class ResponseRecords {
    private static final ObjectWriter WRITER = new JsonMapper().writer();

    private final JsonPointer pointer;

    /** @param pointer a JSON Pointer, empty for the whole body; must already be valid */
    public ResponseRecords(String pointer) {
        this.pointer = JsonPointer.compile(pointer);
    }

    /** The outcome of reading one body: either the parsed body and its records, or why it has none. */
    public static final class Extraction {
        private final JsonNode body;
        private final List<JsonNode> records;
        private final String failure;
        private final byte[] source;
        /** Byte ranges of the records in {@code source}, start and end by turns; null when they could not be found. */
        private final long[] ranges;

        private Extraction(JsonNode body, List<JsonNode> records, String failure) {
            this(body, records, failure, null, null);
        }

        private Extraction(JsonNode body, List<JsonNode> records, String failure, byte[] source, long[] ranges) {
            this.body = body;
            this.records = records;
            this.failure = failure;
            this.source = source;
            this.ranges = ranges;
        }

        /** The parsed body, null when it is not JSON. */
        public JsonNode body() {
            return body;
        }

        public List<JsonNode> records() {
            return records;
        }

        /**
         * The bytes of record {@code index}: its exact text in the body when the record is an object or an array
         * (always, for valid records), otherwise the parsed element written back as JSON.
         */
        public byte[] recordBytes(int index) {
            if (ranges != null) {
                return Arrays.copyOfRange(source, (int) ranges[2 * index], (int) ranges[2 * index + 1]);
            }
            return bytes(records.get(index));
        }

        /** Why the body yields no records (e.g. {@code expected a JSON body, got ...}); null on success. */
        public String failure() {
            return failure;
        }
    }

    public Extraction extract(byte[] body) {
        JsonNode root;
        try {
            root = JsonRecordDecoder.reader().readTree(body);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException
                    ? JsonRecordDecoder.reason((JsonProcessingException) e) : e.getMessage();
            return new Extraction(null, List.of(), "expected a JSON body, got invalid JSON: " + reason);
        }
        if (root == null || root.isMissingNode()) {
            // 204 No Content and friends: nothing new, not an error
            return new Extraction(null, List.of(), null);
        }
        JsonNode found = root.at(pointer);
        if (found.isMissingNode()) {
            return new Extraction(root, List.of(), "expected an array of records at http.records.pointer '"
                    + pointer + "', got no such field");
        }
        List<JsonNode> records;
        if (found.isNull()) {
            records = List.of();
        } else if (found.isObject()) {
            records = List.of(found);
        } else if (found.isArray()) {
            records = new ArrayList<>(found.size());
            found.forEach(records::add);
        } else {
            return new Extraction(root, List.of(), "expected an array of records at http.records.pointer '"
                    + pointer + "', got " + found.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        long[] ranges = found.isNull() ? null : recordRanges(body, records.size());
        String notUtf8 = notUtf8OutsideRecords(body, ranges);
        if (notUtf8 != null) {
            return new Extraction(null, List.of(), "expected a JSON body, got " + notUtf8);
        }
        return new Extraction(root, records, null, body, ranges);
    }

    /**
     * Checks the bytes between the records' ranges (each record's own bytes are checked when it is decoded); without
     * ranges, the whole body, as records written back from the parsed tree no longer show the bytes that arrived.
     *
     * @return null when they are strictly UTF-8, otherwise what is wrong and at which byte of the body
     */
    private static String notUtf8OutsideRecords(byte[] body, long[] ranges) {
        if (ranges == null) {
            return StrictUtf8.problem(body, 0, body.length);
        }
        int from = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            String problem = StrictUtf8.problem(body, from, (int) ranges[i]);
            if (problem != null) {
                return problem;
            }
            from = (int) ranges[i + 1];
        }
        return StrictUtf8.problem(body, from, body.length);
    }

    /**
     * Finds the byte range of every record of an already parsed, valid body: walks the tokens to the pointer (the
     * tree refused duplicate members, so the first match is the tree's), then skips over each element. Null, and
     * the records get serialized instead, when an element is a scalar (no cheap end offset), when the count does not
     * match the tree's, or when the parser counts no bytes (a body Jackson decoded as UTF-16/32).
     */
    private long[] recordRanges(byte[] body, int expected) {
        try (JsonParser p = JsonRecordDecoder.reader().createParser(body)) {
            JsonToken t = p.nextToken();
            for (JsonPointer at = pointer; !at.matches(); at = at.tail()) {
                t = at.mayMatchProperty() && t == JsonToken.START_OBJECT ? toProperty(p, at.getMatchingProperty())
                        : t == JsonToken.START_ARRAY && at.getMatchingIndex() >= 0
                        ? toElement(p, at.getMatchingIndex()) : null;
                if (t == null) {
                    return null;
                }
            }
            long[] ranges = new long[2 * expected];
            if (t == JsonToken.START_OBJECT) {
                return expected == 1 && skipValue(p, ranges, 0) ? ranges : null;
            }
            if (t != JsonToken.START_ARRAY) {
                return null;
            }
            int count = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (count == expected || !t.isStructStart() || !skipValue(p, ranges, count)) {
                    return null;
                }
                count++;
            }
            return count == expected ? ranges : null;
        } catch (IOException e) {
            // the tree parse accepted this body; give up slicing rather than the records
            return null;
        }
    }

    /** From a START_OBJECT to the value of {@code name}; null when absent. */
    private static JsonToken toProperty(JsonParser p, String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean match = name.equals(p.currentName());
            JsonToken value = p.nextToken();
            if (match) {
                return value;
            }
            p.skipChildren();
        }
        return null;
    }

    /** From a START_ARRAY to element {@code index}; null when the array is shorter. */
    private static JsonToken toElement(JsonParser p, int index) throws IOException {
        JsonToken t = p.nextToken();
        for (int i = 0; i < index && t != JsonToken.END_ARRAY; i++) {
            p.skipChildren();
            t = p.nextToken();
        }
        return t == JsonToken.END_ARRAY ? null : t;
    }

    /** Skips the object or array starting at the current token, noting its byte range; false without byte offsets. */
    private static boolean skipValue(JsonParser p, long[] ranges, int index) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        long end = p.currentLocation().getByteOffset();
        ranges[2 * index] = start;
        ranges[2 * index + 1] = end;
        return start >= 0 && end > start;
    }

    /** A record's bytes as JSON (what the decoder parses again and a dead letter carries). */
    public static byte[] bytes(JsonNode record) {
        try {
            return WRITER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a parsed JSON node", e);
        }
    }
}
