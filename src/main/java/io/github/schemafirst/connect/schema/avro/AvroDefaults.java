package io.github.schemafirst.connect.schema.avro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Converts an Avro field default, in the form {@link org.apache.avro.Schema.Field#defaultVal()} returns it (already
 * validated by the parser), to its Connect value under the Connect schema built for that field.
 */
public final class AvroDefaults {
    private AvroDefaults() {
    }

    /**
     * @param avro    the field's Avro schema (a union's default belongs to its first branch)
     * @param connect the field's Connect schema (or the builder that is becoming it)
     * @param value   the default; null or {@link JsonProperties#NULL_VALUE} for null
     */
    public static Object toConnect(org.apache.avro.Schema avro, Schema connect, Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return null;
        }
        switch (avro.getType()) {
            case UNION:
                return unionDefault(avro, connect, value);
            case RECORD:
                return recordDefault(avro, connect, (Map<?, ?>) value);
            case ARRAY: {
                List<Object> result = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    result.add(toConnect(avro.getElementType(), connect.valueSchema(), element));
                }
                // one default instance is shared by every record that omits the field
                return Collections.unmodifiableList(result);
            }
            case MAP: {
                Map<String, Object> result = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    result.put(entry.getKey().toString(),
                            toConnect(avro.getValueType(), connect.valueSchema(), entry.getValue()));
                }
                return Collections.unmodifiableMap(result);
            }
            case STRING:
            case ENUM:
                return value.toString();
            case BOOLEAN:
                return value;
            case INT: {
                int number = ((Number) value).intValue();
                if (Date.LOGICAL_NAME.equals(connect.name())) {
                    return Date.toLogical(connect, number);
                }
                return Time.LOGICAL_NAME.equals(connect.name()) ? Time.toLogical(connect, number) : number;
            }
            case LONG: {
                long number = ((Number) value).longValue();
                return Timestamp.LOGICAL_NAME.equals(connect.name()) ? Timestamp.toLogical(connect, number) : number;
            }
            case FLOAT:
                return ((Number) value).floatValue();
            case DOUBLE:
                return ((Number) value).doubleValue();
            case BYTES:
            case FIXED:
                return bytesDefault(avro, bytes(value));
            default:
                throw new IllegalArgumentException("no default for Avro type " + avro.getType());
        }
    }

    private static Object unionDefault(org.apache.avro.Schema avro, Schema connect, Object value) {
        org.apache.avro.Schema first = avro.getTypes().get(0);
        if (AvroUnions.isNullable(avro)) {
            return toConnect(first, connect, value);
        }
        String fieldName = AvroUnions.branchFieldName(first);
        Struct union = new Struct(connect);
        union.put(fieldName, toConnect(first, connect.field(fieldName).schema(), value));
        return union;
    }

    private static Struct recordDefault(org.apache.avro.Schema avro, Schema connect, Map<?, ?> value) {
        Struct struct = new Struct(connect);
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
            // a nested record's default may leave out fields that have defaults of their own
            Object fieldValue = value.containsKey(field.name()) ? value.get(field.name())
                    : field.hasDefaultValue() ? field.defaultVal() : null;
            struct.put(field.name(), toConnect(field.schema(), connect.field(field.name()).schema(), fieldValue));
        }
        return struct;
    }

    private static Object bytesDefault(org.apache.avro.Schema avro, byte[] bytes) {
        if (avro.getLogicalType() instanceof LogicalTypes.Decimal) {
            int scale = ((LogicalTypes.Decimal) avro.getLogicalType()).getScale();
            BigInteger unscaled = bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
            return new BigDecimal(unscaled, scale);
        }
        return bytes;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof GenericFixed) {
            return ((GenericFixed) value).bytes();
        }
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        return value.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
