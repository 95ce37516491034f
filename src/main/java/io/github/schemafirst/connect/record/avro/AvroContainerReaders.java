package io.github.schemafirst.connect.record.avro;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Readers for Avro arrays, maps and unions. */
final class AvroContainerReaders {
    private AvroContainerReaders() {
    }

    static final class ArrayReader extends AvroValueReader {
        private final AvroValueReader items;

        ArrayReader(AvroValueReader items) {
            this.items = items;
        }

        @Override
        Object read(JsonNode node) {
            if (!node.isArray()) {
                throw mismatch(node);
            }
            int size = node.size();
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                try {
                    values.add(items.read(node.get(i)));
                } catch (AvroValueException e) {
                    throw e.within(Integer.toString(i));
                }
            }
            return values;
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isArray();
        }

        @Override
        String expected() {
            return "array of " + items.typeName();
        }

        @Override
        String typeName() {
            return "array";
        }
    }

    static final class MapReader extends AvroValueReader {
        private final AvroValueReader values;

        MapReader(AvroValueReader values) {
            this.values = values;
        }

        @Override
        Object read(JsonNode node) {
            if (!node.isObject()) {
                throw mismatch(node);
            }
            Map<String, Object> result = new HashMap<>(node.size() * 4 / 3 + 1);
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                try {
                    result.put(entry.getKey(), values.read(entry.getValue()));
                } catch (AvroValueException e) {
                    throw e.within(AvroValueException.escape(entry.getKey()));
                }
            }
            return result;
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isObject();
        }

        @Override
        String expected() {
            return "map of " + values.typeName() + " (JSON object)";
        }

        @Override
        String typeName() {
            return "map";
        }
    }

    /** {@code ["null", T]} or {@code [T, "null"]}: JSON null, or a T. */
    static final class NullableReader extends AvroValueReader {
        private final AvroValueReader value;

        NullableReader(AvroValueReader value) {
            this.value = value;
        }

        @Override
        Object read(JsonNode node) {
            return node.isNull() ? null : value.read(node);
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isNull() || value.accepts(node);
        }

        @Override
        String expected() {
            return value.expected() + " or null";
        }

        @Override
        String typeName() {
            return value.typeName();
        }
    }

    /**
     * Any other union, as Confluent's Union struct with one optional field per non-null branch. The JSON is either
     * Avro's own wrapped form, {@code {"<branch type name>": value}}, or the bare value, which goes to the first
     * branch (in declaration order) whose JSON kind fits it.
     */
    static final class UnionReader extends AvroValueReader {
        private final Schema schema;
        private final boolean nullable;
        private final String[] names;
        private final Field[] fields;
        private final AvroValueReader[] branches;
        private final String expected;

        UnionReader(Schema schema, boolean nullable, AvroValueReader[] branches) {
            this.schema = schema;
            this.nullable = nullable;
            this.branches = branches;
            this.fields = schema.fields().toArray(new Field[0]);
            this.names = new String[fields.length];
            List<String> listed = new ArrayList<>();
            if (nullable) {
                listed.add("null");
            }
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                listed.add(names[i]);
            }
            this.expected = "one of " + listed;
        }

        @Override
        Object read(JsonNode node) {
            if (node.isNull()) {
                if (nullable) {
                    return null;
                }
                throw mismatch(node);
            }
            if (node.isObject() && node.size() == 1) {
                String key = node.fieldNames().next();
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(key)) {
                        try {
                            return branch(i, branches[i].read(node.get(key)));
                        } catch (AvroValueException e) {
                            throw e.within(AvroValueException.escape(key));
                        }
                    }
                }
            }
            for (int i = 0; i < branches.length; i++) {
                if (branches[i].accepts(node)) {
                    return branch(i, branches[i].read(node));
                }
            }
            throw mismatch(node);
        }

        private Struct branch(int index, Object value) {
            return new Struct(schema).put(fields[index], value);
        }

        @Override
        boolean accepts(JsonNode node) {
            if (node.isNull()) {
                return nullable;
            }
            for (AvroValueReader branch : branches) {
                if (branch.accepts(node)) {
                    return true;
                }
            }
            return node.isObject() && node.size() == 1 && schema.field(node.fieldNames().next()) != null;
        }

        @Override
        String expected() {
            return expected;
        }

        @Override
        String typeName() {
            return "union";
        }
    }
}
