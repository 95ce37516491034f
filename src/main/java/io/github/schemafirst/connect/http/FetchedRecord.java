package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import java.util.Map;

/** A record as the HTTP layer found it: its bytes and position, how to decode it, and the offset just after it. */
public final class FetchedRecord {
    private final RawRecord raw;
    private final RecordDecoder decoder;
    private final EndpointOffset offset;

    private FetchedRecord(RawRecord raw, RecordDecoder decoder, EndpointOffset offset) {
        this.raw = raw;
        this.decoder = decoder;
        this.offset = offset;
    }

    /**
     * An element of the response's records that was already parsed with the page: the pipeline gets {@code node}
     * instead of parsing {@code raw}'s bytes again, while {@code raw} still carries the bytes for dead letters.
     */
    public static FetchedRecord parsed(RawRecord raw, JsonNode node, EndpointOffset offset) {
        return new FetchedRecord(raw, new ParsedRecordDecoder(raw, node), offset);
    }

    /**
     * A response body that holds no records (not JSON, no array at the pointer): it goes through the invalid
     * record policy like a bad record, carrying the whole body.
     */
    public static FetchedRecord invalidBody(RawRecord raw, String reason, EndpointOffset offset) {
        return new FetchedRecord(raw, r -> {
            throw new InvalidRecordException(r.position(), "/", reason);
        }, offset);
    }

    public RawRecord raw() {
        return raw;
    }

    public RecordDecoder decoder() {
        return decoder;
    }

    public EndpointOffset offset() {
        return offset;
    }

    public Map<String, Object> offsetMap() {
        return offset.toMap();
    }

    @Override
    public String toString() {
        return raw + " -> " + offset;
    }
}
