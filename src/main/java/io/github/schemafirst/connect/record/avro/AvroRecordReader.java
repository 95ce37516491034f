package io.github.schemafirst.connect.record.avro;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.JsonSnippet;
import java.util.Iterator;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * An Avro record from a JSON object: every declared field, a missing one taking its Avro default. JSON members the
 * record does not declare are ignored unless the mapper was built to reject them.
 */
final class AvroRecordReader extends AvroValueReader {
    private final String fullName;
    private final Schema schema;
    private final String[] names;
    private final String[] segments;
    private final Field[] fields;
    private final AvroValueReader[] readers;
    private final boolean[] hasDefault;
    private final Object[] defaults;
    private final Set<String> declared;
    private final boolean rejectUnknownFields;

    AvroRecordReader(String fullName, Schema schema, AvroValueReader[] readers, boolean[] hasDefault,
                     Object[] defaults, boolean rejectUnknownFields) {
        this.fullName = fullName;
        this.schema = schema;
        this.fields = schema.fields().toArray(new Field[0]);
        this.names = new String[fields.length];
        this.segments = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].name();
            segments[i] = AvroValueException.escape(names[i]);
        }
        this.readers = readers;
        this.hasDefault = hasDefault;
        this.defaults = defaults;
        this.declared = Set.of(names);
        this.rejectUnknownFields = rejectUnknownFields;
    }

    @Override
    Object read(JsonNode node) {
        if (!node.isObject()) {
            throw mismatch(node);
        }
        Struct struct = new Struct(schema);
        int present = 0;
        for (int i = 0; i < fields.length; i++) {
            JsonNode value = node.get(names[i]);
            Object converted;
            if (value == null) {
                if (!hasDefault[i]) {
                    throw new AvroValueException("expected a value (field is required), got nothing")
                            .within(segments[i]);
                }
                converted = defaults[i];
            } else {
                present++;
                try {
                    converted = readers[i].read(value);
                } catch (AvroValueException e) {
                    throw e.within(segments[i]);
                }
            }
            struct.put(fields[i], converted);
        }
        if (rejectUnknownFields && present != node.size()) {
            throw unknownField(node);
        }
        return struct;
    }

    private AvroValueException unknownField(JsonNode node) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!declared.contains(name)) {
                return new AvroValueException("expected no field \"" + name + "\" (record " + fullName
                        + " declares " + declared.size() + " fields: " + String.join(", ", this.names) + "), got "
                        + JsonSnippet.of(node.get(name))).within(AvroValueException.escape(name));
            }
        }
        throw new IllegalStateException("no unknown field in " + node);
    }

    @Override
    boolean accepts(JsonNode node) {
        return node.isObject();
    }

    @Override
    String expected() {
        return "a record (JSON object)";
    }

    @Override
    String typeName() {
        return fullName;
    }
}
