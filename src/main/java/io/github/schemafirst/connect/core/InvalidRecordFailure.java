package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.record.InvalidRecordException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Stops the task under {@code invalid.record.policy=fail}. Its message is the record's own error (position, field,
 * expected and actual), so {@code GET /connectors/{name}/status} shows it as the first line of the trace.
 */
public final class InvalidRecordFailure extends ConnectException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordFailure(InvalidRecordException cause) {
        super("Invalid record (invalid.record.policy=fail): " + cause.getMessage(), cause);
    }
}
