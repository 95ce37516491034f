package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders an actual JSON value for an error message: compact JSON, strings quoted, cut to a readable length. */
public final class JsonSnippet {
    /** Longer values are cut and end in an ellipsis, so one bad field cannot flood a log line. */
    public static final int MAX_LENGTH = 60;

    private JsonSnippet() {
    }

    /** @param value the value, or null for a missing one ({@code nothing}) */
    public static String of(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String json = value.toString();
        if (json.length() <= MAX_LENGTH) {
            return json;
        }
        return json.substring(0, MAX_LENGTH - 1) + "\u2026";
    }
}
