package io.github.schemafirst.connect.record;

import java.util.Locale;

/** What happens to a record that fails decoding or validation. */
public enum InvalidRecordPolicy {
    /** Stop the task with the record's error (the default: nothing is dropped unless the user says so). */
    FAIL,
    /** Log the error, count the record, go on. */
    SKIP,
    /** Write the original bytes to {@code invalid.record.topic} with headers naming source, position and error. */
    DEAD_LETTER;

    /** The value users write in the config: {@code fail}, {@code skip}, {@code dead-letter}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static InvalidRecordPolicy fromConfigValue(String value) {
        for (InvalidRecordPolicy policy : values()) {
            if (policy.configValue().equalsIgnoreCase(value.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown invalid record policy: " + value);
    }
}
