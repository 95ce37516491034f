package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;

/** A record value as it appears in an error message: compact JSON, cut short when long. */
final class JsonExcerpt {
    static final int MAX_LENGTH = 80;

    private JsonExcerpt() {
    }

    static String of(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String json = value.toString();
        return json.length() <= MAX_LENGTH ? json : json.substring(0, MAX_LENGTH - 3) + "...";
    }
}
