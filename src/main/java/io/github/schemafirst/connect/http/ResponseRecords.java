package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the records in a response body: the array at {@code http.records.pointer} (or the body itself), a single
 * object counting as one record. Parsed with {@link JsonRecordDecoder#reader()}, so a body is held to the same rules
 * as a JSON line.
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

        private Extraction(JsonNode body, List<JsonNode> records, String failure) {
            this.body = body;
            this.records = records;
            this.failure = failure;
        }

        /** The parsed body, null when it is not JSON. */
        public JsonNode body() {
            return body;
        }

        public List<JsonNode> records() {
            return records;
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
        if (found.isNull()) {
            return new Extraction(root, List.of(), null);
        }
        if (found.isObject()) {
            return new Extraction(root, List.of(found), null);
        }
        if (!found.isArray()) {
            return new Extraction(root, List.of(), "expected an array of records at http.records.pointer '"
                    + pointer + "', got " + found.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<JsonNode> records = new ArrayList<>(found.size());
        found.forEach(records::add);
        return new Extraction(root, records, null);
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
