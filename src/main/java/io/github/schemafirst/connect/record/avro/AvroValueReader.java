package io.github.schemafirst.connect.record.avro;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One node of the reader tree compiled from an Avro schema: checks a JSON value against one Avro type and returns
 * its Connect value. Readers are immutable and built once per task.
 */
abstract class AvroValueReader {

    /**
     * @param node the JSON value, never null (a missing field is the record reader's business)
     * @throws AvroValueException when the value does not fit the type
     */
    abstract Object read(JsonNode node);

    /** How the expected type reads in a message, e.g. {@code long} or {@code one of [RED, BLUE]}. */
    abstract String expected();

    /** The Avro type's name as a union lists it, e.g. {@code string}, {@code com.example.Addr}. */
    abstract String typeName();

    /**
     * Whether a union should pick this branch for {@code node}. Cheap kind checks where they decide it; the
     * default tries a full read, which only union branches with elaborate types pay for.
     */
    boolean accepts(JsonNode node) {
        try {
            read(node);
            return true;
        } catch (AvroValueException e) {
            return false;
        }
    }

    final AvroValueException mismatch(JsonNode actual) {
        return AvroValueException.mismatch(expected(), actual);
    }
}
