package io.github.schemafirst.connect.record.jsonschema;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.JsonSnippet;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Turns an already validated JSON value into its Connect value. Compiled once from the Connect schema into a tree
 * of converters, so mapping a record does no schema look-ups. Checks only what validation cannot guarantee (int64
 * range, parseable dates) and stays safe if handed an unvalidated value.
 */
interface JsonValueConverter {

    /** @param value a present, non-null JSON value */
    Object convert(JsonNode value) throws JsonConversionFailure;

    static JsonValueConverter compile(Schema schema) {
        if (schema.name() != null) {
            switch (schema.name()) {
                case Timestamp.LOGICAL_NAME:
                    return temporal(schema, IsoTemporal::timestamp);
                case Date.LOGICAL_NAME:
                    return temporal(schema, IsoTemporal::date);
                case Time.LOGICAL_NAME:
                    return temporal(schema, IsoTemporal::time);
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case STRING:
                return value -> {
                    if (!value.isTextual()) {
                        throw mismatch(schema, value);
                    }
                    return value.textValue();
                };
            case INT64:
                return value -> toLong(schema, value);
            case FLOAT64:
                return value -> {
                    if (!value.isNumber()) {
                        throw mismatch(schema, value);
                    }
                    double number = value.doubleValue();
                    if (Double.isInfinite(number)) {
                        throw new JsonConversionFailure("expected number within float64 range, got "
                                + JsonSnippet.of(value));
                    }
                    return number;
                };
            case BOOLEAN:
                return value -> {
                    if (!value.isBoolean()) {
                        throw mismatch(schema, value);
                    }
                    return value.booleanValue();
                };
            case ARRAY:
                return new ArrayConverter(schema);
            case MAP:
                return new MapConverter(schema);
            case STRUCT:
                return new StructConverter(schema);
            default:
                throw new IllegalArgumentException("no JSON mapping for Connect type " + schema.type());
        }
    }

    /** What a value of this Connect schema looks like in JSON, for messages. */
    static String describe(Schema schema) {
        if (schema.name() != null) {
            switch (schema.name()) {
                case Timestamp.LOGICAL_NAME:
                    return "date-time string (RFC 3339)";
                case Date.LOGICAL_NAME:
                    return "date string (RFC 3339 full-date)";
                case Time.LOGICAL_NAME:
                    return "time string (RFC 3339 full-time)";
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT64:
                return "integer";
            case FLOAT64:
                return "number";
            case STRUCT:
            case MAP:
                return "object";
            default:
                return schema.type().getName();
        }
    }

    static JsonConversionFailure mismatch(Schema schema, JsonNode value) {
        return new JsonConversionFailure("expected " + describe(schema) + ", got " + JsonSnippet.of(value));
    }

    private static Object toLong(Schema schema, JsonNode value) throws JsonConversionFailure {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (!value.isNumber()) {
            throw mismatch(schema, value);
        }
        try {
            // A validated integer may still be 1.0 (JSON Schema counts it as an integer) or beyond int64.
            return value.decimalValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new JsonConversionFailure((value.isIntegralNumber() || value.decimalValue().stripTrailingZeros()
                    .scale() <= 0 ? "expected integer within int64 range, got " : "expected integer, got ")
                    + JsonSnippet.of(value));
        }
    }

    /** Parses RFC 3339 text; java.time's exception type is its contract. */
    interface TemporalParser {
        java.util.Date parse(String text) throws DateTimeParseException;
    }

    private static JsonValueConverter temporal(Schema schema, TemporalParser parser) {
        return value -> {
            if (!value.isTextual()) {
                throw mismatch(schema, value);
            }
            try {
                return parser.parse(value.textValue());
            } catch (DateTimeParseException e) {
                throw mismatch(schema, value);
            }
        };
    }

    /** Reads a present value that may be JSON null into a slot whose schema may or may not allow null. */
    static Object convertNullable(JsonValueConverter converter, Schema schema, JsonNode value)
            throws JsonConversionFailure {
        if (value.isNull()) {
            if (schema.isOptional()) {
                return null;
            }
            throw mismatch(schema, value);
        }
        return converter.convert(value);
    }

    /** JSON object to Struct, fields looked up by name in declared order; unknown members are dropped. */
    final class StructConverter implements JsonValueConverter {
        private final Schema schema;
        private final Field[] fields;
        private final String[] names;
        private final JsonValueConverter[] converters;

        StructConverter(Schema schema) {
            this.schema = schema;
            List<Field> declared = schema.fields();
            this.fields = declared.toArray(new Field[0]);
            this.names = new String[fields.length];
            this.converters = new JsonValueConverter[fields.length];
            for (int i = 0; i < fields.length; i++) {
                names[i] = fields[i].name();
                converters[i] = compile(fields[i].schema());
            }
        }

        @Override
        public Object convert(JsonNode value) throws JsonConversionFailure {
            if (!value.isObject()) {
                throw mismatch(schema, value);
            }
            Struct struct = new Struct(schema);
            for (int i = 0; i < fields.length; i++) {
                JsonNode member = value.get(names[i]);
                if (member == null) {
                    if (!fields[i].schema().isOptional() && fields[i].schema().defaultValue() == null) {
                        throw new JsonConversionFailure("expected required field, got nothing").under(names[i]);
                    }
                    continue;
                }
                try {
                    Object converted = convertNullable(converters[i], fields[i].schema(), member);
                    if (converted != null) {
                        struct.put(fields[i], converted);
                    }
                } catch (JsonConversionFailure failure) {
                    throw failure.under(names[i]);
                }
            }
            return struct;
        }
    }

    /** JSON array to List. */
    final class ArrayConverter implements JsonValueConverter {
        private final Schema schema;
        private final Schema elementSchema;
        private final JsonValueConverter element;

        ArrayConverter(Schema schema) {
            this.schema = schema;
            this.elementSchema = schema.valueSchema();
            this.element = compile(elementSchema);
        }

        @Override
        public Object convert(JsonNode value) throws JsonConversionFailure {
            if (!value.isArray()) {
                throw mismatch(schema, value);
            }
            List<Object> list = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                try {
                    list.add(convertNullable(element, elementSchema, value.get(i)));
                } catch (JsonConversionFailure failure) {
                    throw failure.under(Integer.toString(i));
                }
            }
            return list;
        }
    }

    /** JSON object (additionalProperties only) to a Map with string keys, in document order. */
    final class MapConverter implements JsonValueConverter {
        private final Schema schema;
        private final Schema valueSchema;
        private final JsonValueConverter values;

        MapConverter(Schema schema) {
            this.schema = schema;
            this.valueSchema = schema.valueSchema();
            this.values = compile(valueSchema);
        }

        @Override
        public Object convert(JsonNode value) throws JsonConversionFailure {
            if (!value.isObject()) {
                throw mismatch(schema, value);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> members = value.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                try {
                    map.put(member.getKey(), convertNullable(values, valueSchema, member.getValue()));
                } catch (JsonConversionFailure failure) {
                    throw failure.under(member.getKey());
                }
            }
            return map;
        }
    }
}
