package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.connect.data.Schema;

/**
 * Validates one decoded record against the declared schema and turns it into the Connect value (a {@code Struct}
 * for record/object schemas). Implementations are built once per task and must be fast: this is the hot path.
 * They are not required to be thread-safe.
 */
public interface RecordMapper {

    /** The Connect schema of every value this mapper returns. */
    Schema valueSchema();

    /**
     * @param record   the decoded record (a JSON tree; CSV rows arrive already typed by {@code CsvRowDecoder})
     * @param position where it came from, for error messages
     * @return the Connect value, conforming to {@link #valueSchema()}
     * @throws InvalidRecordException naming the field path, what was expected and what was found
     */
    Object map(JsonNode record, Position position) throws InvalidRecordException;
}
