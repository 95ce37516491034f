package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns a raw record's bytes into a JSON tree (parsing JSON, splitting a CSV row, wrapping a line of text). */
public interface RecordDecoder {

    /** @throws InvalidRecordException when the bytes are not a record of this format (e.g. truncated JSON) */
    JsonNode decode(RawRecord raw) throws InvalidRecordException;
}
