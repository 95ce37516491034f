package io.github.schemafirst.connect.record;

import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Builds the record key from {@code key.field}: no field gives a null key, one field gives that field's value with
 * its schema, several give a Struct of those fields. Everything that depends only on the schema (the fields, their
 * positions in the value and in the key, the key schema) is resolved once, in {@link #forFields}: per record a key
 * costs an array read for one field, and one Struct with a put by position per field for several.
 */
public final class KeyExtractor {
    private static final KeyExtractor NONE = new KeyExtractor(null, null, new Field[0]);

    private final Schema keySchema;
    private final Field singleField;
    /** The key fields in the value schema. */
    private final Field[] fields;
    /** The same fields in the key schema (several fields only), so a key is filled by position, not by name. */
    private final Field[] keyFields;

    private KeyExtractor(Schema keySchema, Field singleField, Field[] fields) {
        this.keySchema = keySchema;
        this.singleField = singleField;
        this.fields = fields;
        this.keyFields = singleField != null || keySchema == null ? new Field[0]
                : keySchema.fields().toArray(new Field[0]);
    }

    /**
     * @throws IllegalArgumentException when a field is not a top-level field of the value schema
     */
    public static KeyExtractor forFields(List<String> names, Schema valueSchema) {
        if (names.isEmpty()) {
            return NONE;
        }
        if (valueSchema.type() != Schema.Type.STRUCT) {
            throw new IllegalArgumentException("key fields need a record/object value schema, but the value is "
                    + valueSchema.type());
        }
        Field[] fields = new Field[names.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = valueSchema.field(names.get(i));
            if (fields[i] == null) {
                throw new IllegalArgumentException("'" + names.get(i) + "' is not a field of the value schema; "
                        + "fields are " + fieldNames(valueSchema));
            }
        }
        if (fields.length == 1) {
            return new KeyExtractor(fields[0].schema(), fields[0], fields);
        }
        SchemaBuilder builder = SchemaBuilder.struct();
        if (valueSchema.name() != null) {
            builder.name(valueSchema.name() + "Key");
        }
        for (Field field : fields) {
            builder.field(field.name(), field.schema());
        }
        return new KeyExtractor(builder.build(), null, fields);
    }

    private static String fieldNames(Schema schema) {
        StringBuilder names = new StringBuilder();
        for (Field field : schema.fields()) {
            names.append(names.length() == 0 ? "" : ", ").append(field.name());
        }
        return names.toString();
    }

    /** The key schema, or null when records have no key. */
    public Schema keySchema() {
        return keySchema;
    }

    /** The key of a value built under the schema given to {@link #forFields}. */
    public Object key(Object value) {
        if (keySchema == null) {
            return null;
        }
        Struct struct = (Struct) value;
        if (singleField != null) {
            return struct.get(singleField);
        }
        Struct key = new Struct(keySchema);
        for (int i = 0; i < fields.length; i++) {
            key.put(keyFields[i], struct.get(fields[i]));
        }
        return key;
    }
}
