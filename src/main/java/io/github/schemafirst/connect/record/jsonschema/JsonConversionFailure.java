package io.github.schemafirst.connect.record.jsonschema;

import java.util.ArrayList;
import java.util.List;

/**
 * A value that does not fit its Connect type, thrown from deep inside a converter tree. Each enclosing struct,
 * array or map adds its field name or index on the way out, so the hot path never builds paths for valid records.
 */
final class JsonConversionFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final List<String> reversedPath = new ArrayList<>(4);

    JsonConversionFailure(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    /** The failure as seen from one level up, where the failing value sits under {@code token}. */
    JsonConversionFailure under(String token) {
        reversedPath.add(token);
        return this;
    }

    String reason() {
        return reason;
    }

    /** The JSON Pointer of the failing value in the record, {@code /} for the record itself. */
    String pointer() {
        if (reversedPath.isEmpty()) {
            return "/";
        }
        StringBuilder pointer = new StringBuilder();
        for (int i = reversedPath.size() - 1; i >= 0; i--) {
            pointer.append('/').append(reversedPath.get(i).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
