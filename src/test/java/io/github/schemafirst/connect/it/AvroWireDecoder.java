package io.github.schemafirst.connect.it;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes Avro values in Confluent's wire format the way a consumer would: writer schema fetched by id from the
 * registry, payload read with Avro's {@link GenericDatumReader}. Independent of the converter that wrote them.
 */
public final class AvroWireDecoder {

    private final RegistryClient registry;
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();

    public AvroWireDecoder(RegistryClient registry) {
        this.registry = registry;
    }

    /**
     * A decoded value with the id and writer schema it was written with.
     *
     * @param datum what Avro's generic reader returns: a {@link GenericRecord} for a record schema, a
     *              {@code Utf8} for a string, a {@code Long} for a long, ...
     */
    public record Decoded(int schemaId, Schema writerSchema, Object datum) {

        /** The datum as a record; fails when the writer schema is not a record. */
        public GenericRecord record() {
            if (!(datum instanceof GenericRecord)) {
                throw new AssertionError("schema id " + schemaId + " is " + writerSchema.getType() + ", not a record");
            }
            return (GenericRecord) datum;
        }
    }

    /** Decodes one value; fails when it is not framed, the id is unknown or the payload does not fit the schema. */
    public Decoded decode(byte[] value) {
        int id = ConfluentWireFormat.schemaId(value);
        Schema schema = writerSchemas.computeIfAbsent(id, this::fetchAvroSchema);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                value, ConfluentWireFormat.HEADER_LENGTH, value.length - ConfluentWireFormat.HEADER_LENGTH, null);
        try {
            Object datum = new GenericDatumReader<>(schema).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException("trailing bytes after the Avro record written with schema id " + id);
            }
            return new Decoded(id, schema, datum);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload does not decode with schema id " + id + ": " + e, e);
        }
    }

    private Schema fetchAvroSchema(int id) {
        RegisteredSchema registered = registry.schemaById(id);
        if (!"AVRO".equals(registered.schemaType())) {
            throw new IllegalArgumentException("schema id " + id + " is " + registered.schemaType() + ", not AVRO");
        }
        return new Schema.Parser().parse(registered.schema());
    }
}
