package io.github.schemafirst.connect.record;

import java.util.Objects;

/**
 * A record that cannot be turned into a value under the declared schema. The message always names where it came
 * from, the field (as a JSON Pointer, {@code /} for the whole record) and what was expected versus found, e.g.
 * {@code users.jsonl:17 /favorite_number: expected number > 0, got "blue"}.
 */
public final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Position position;
    private final String fieldPath;
    private final String reason;

    public InvalidRecordException(Position position, String fieldPath, String reason) {
        this(position, fieldPath, reason, null);
    }

    public InvalidRecordException(Position position, String fieldPath, String reason, Throwable cause) {
        super(position + " " + (fieldPath == null || fieldPath.isEmpty() ? "/" : fieldPath) + ": " + reason, cause,
                false, false);
        this.position = Objects.requireNonNull(position, "position");
        this.fieldPath = fieldPath == null || fieldPath.isEmpty() ? "/" : fieldPath;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Position position() {
        return position;
    }

    /** JSON Pointer of the offending field; {@code /} for the record as a whole. */
    public String fieldPath() {
        return fieldPath;
    }

    /** The reason without position and field, e.g. {@code expected number > 0, got "blue"}. */
    public String reason() {
        return reason;
    }
}
