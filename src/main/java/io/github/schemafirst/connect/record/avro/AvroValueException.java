package io.github.schemafirst.connect.record.avro;

import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.JsonSnippet;
import java.util.ArrayList;
import java.util.List;

/**
 * A value that does not fit its Avro type, thrown from deep inside a reader tree. Readers on the way up prepend
 * their JSON Pointer segment, so the happy path never builds a path. Never leaves this package: the mapper turns it
 * into an {@link InvalidRecordException}. No stack trace: it is an expected outcome, not a bug.
 */
final class AvroValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final List<String> segmentsInnermostFirst = new ArrayList<>(4);

    AvroValueException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    /** The value did not match: {@code expected <expected>, got <actual as JSON>}. */
    static AvroValueException mismatch(String expected, com.fasterxml.jackson.databind.JsonNode actual) {
        return new AvroValueException("expected " + expected + ", got " + JsonSnippet.of(actual));
    }

    /** @param segment an already escaped reference token, without the leading slash */
    AvroValueException within(String segment) {
        segmentsInnermostFirst.add(segment);
        return this;
    }

    String reason() {
        return reason;
    }

    /** JSON Pointer from the record root; {@code /} for the record itself. */
    String path() {
        if (segmentsInnermostFirst.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (int i = segmentsInnermostFirst.size() - 1; i >= 0; i--) {
            path.append('/').append(segmentsInnermostFirst.get(i));
        }
        return path.toString();
    }

    /** Escapes a field name or map key as one JSON Pointer reference token (RFC 6901). */
    static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}
