package io.github.schemafirst.connect.record.avro;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.JsonIntegers;
import io.github.schemafirst.connect.record.LogicalValues;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.function.Function;

/**
 * Readers for Avro logical types. Each accepts the JSON a person writes (ISO-8601 text, a decimal number) as well as
 * the underlying Avro number, and never rounds: a value with more digits than the type holds is an error.
 */
final class AvroLogicalReaders {
    private AvroLogicalReaders() {
    }

    /** {@code decimal} on bytes or fixed: a JSON number or a numeric string, to a BigDecimal of the declared scale. */
    static final class DecimalReader extends AvroValueReader {
        private final int precision;
        private final int scale;
        private final String typeName;
        private final String expected;

        DecimalReader(int precision, int scale, String typeName) {
            this.precision = precision;
            this.scale = scale;
            this.typeName = typeName;
            this.expected = "decimal(" + precision + "," + scale + ")";
        }

        @Override
        Object read(JsonNode node) {
            BigDecimal value = parse(node);
            if (value == null) {
                throw AvroValueException.mismatch(expected + " (a JSON number or numeric string)", node);
            }
            BigDecimal exact = LogicalValues.decimalExact(value, scale, precision);
            if (exact == null) {
                throw AvroValueException.mismatch(expected + " (at most " + (precision - scale)
                        + " digits before the point and " + scale + " after)", node);
            }
            return exact;
        }

        @Override
        boolean accepts(JsonNode node) {
            BigDecimal value = parse(node);
            return value != null && LogicalValues.decimalExact(value, scale, precision) != null;
        }

        private static BigDecimal parse(JsonNode node) {
            if (node.isBigDecimal()) {
                return node.decimalValue();
            }
            if (node.isIntegralNumber()) {
                return node.isBigInteger() ? new BigDecimal(node.bigIntegerValue()) : BigDecimal.valueOf(node.longValue());
            }
            if (node.isFloatingPointNumber()) {
                double value = node.doubleValue();
                // the shortest decimal that reads back as this double: what the producer wrote
                return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
            }
            if (node.isTextual()) {
                try {
                    return new BigDecimal(node.textValue());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }

        @Override
        String expected() {
            return expected;
        }

        @Override
        String typeName() {
            return typeName;
        }
    }

    /**
     * A point or length of time given either as an integer in the Avro unit or as ISO-8601 text, converted to the
     * Connect value by {@code fromNumber}/{@code fromText}.
     */
    static final class TemporalReader extends AvroValueReader {
        private final String typeName;
        private final String expected;
        private final long min;
        private final long max;
        private final Function<Long, Object> fromNumber;
        private final Function<String, Object> fromText;

        TemporalReader(String typeName, String expected, long min, long max, Function<Long, Object> fromNumber,
                       Function<String, Object> fromText) {
            this.typeName = typeName;
            this.expected = expected;
            this.min = min;
            this.max = max;
            this.fromNumber = fromNumber;
            this.fromText = fromText;
        }

        @Override
        Object read(JsonNode node) {
            if (node.isNumber() && JsonIntegers.isInteger(node) && JsonIntegers.fitsLong(node)) {
                long value = JsonIntegers.longValue(node);
                if (value >= min && value <= max) {
                    return fromNumber.apply(value);
                }
            } else if (node.isTextual()) {
                try {
                    return fromText.apply(node.textValue());
                } catch (DateTimeException | ArithmeticException e) {
                    // falls through to the message below
                }
            }
            throw mismatch(node);
        }

        @Override
        String expected() {
            return expected;
        }

        @Override
        String typeName() {
            return typeName;
        }
    }

    static AvroValueReader date() {
        return new TemporalReader("int", "date (ISO-8601 date such as \"2024-05-31\", or days since 1970-01-01)",
                Integer.MIN_VALUE, Integer.MAX_VALUE, days -> LogicalValues.dateFromEpochDay(days),
                LogicalValues::date);
    }

    static AvroValueReader timeMillis() {
        return new TemporalReader("int", "time-millis (ISO-8601 time such as \"13:45:30.123\", or milliseconds"
                + " after midnight)", 0, LogicalValues.MILLIS_PER_DAY - 1, millis -> new java.util.Date(millis),
                text -> new java.util.Date(LogicalValues.divideExact(LogicalValues.nanoOfDay(text), 1_000_000L)));
    }

    static AvroValueReader timeMicros() {
        return new TemporalReader("long", "time-micros (ISO-8601 time such as \"13:45:30.123456\", or microseconds"
                + " after midnight)", 0, LogicalValues.MILLIS_PER_DAY * 1000 - 1, micros -> micros,
                text -> LogicalValues.divideExact(LogicalValues.nanoOfDay(text), 1_000L));
    }

    static AvroValueReader timestampMillis() {
        return new TemporalReader("long", "timestamp-millis (ISO-8601 date-time with offset such as"
                + " \"2024-05-31T13:45:30.123Z\", or milliseconds since the epoch)", Long.MIN_VALUE, Long.MAX_VALUE,
                millis -> new java.util.Date(millis),
                text -> new java.util.Date(LogicalValues.epochMillisExact(LogicalValues.instant(text))));
    }

    static AvroValueReader timestampMicros() {
        return epochLong("timestamp-micros", "date-time with offset", "microseconds",
                text -> LogicalValues.epochMicrosExact(LogicalValues.instant(text)));
    }

    static AvroValueReader timestampNanos() {
        return epochLong("timestamp-nanos", "date-time with offset", "nanoseconds",
                text -> LogicalValues.epochNanosExact(LogicalValues.instant(text)));
    }

    static AvroValueReader localTimestampMillis() {
        return epochLong("local-timestamp-millis", "local date-time", "milliseconds",
                text -> LogicalValues.epochMillisExact(LogicalValues.localDateTimeAsUtc(text)));
    }

    static AvroValueReader localTimestampMicros() {
        return epochLong("local-timestamp-micros", "local date-time", "microseconds",
                text -> LogicalValues.epochMicrosExact(LogicalValues.localDateTimeAsUtc(text)));
    }

    static AvroValueReader localTimestampNanos() {
        return epochLong("local-timestamp-nanos", "local date-time", "nanoseconds",
                text -> LogicalValues.epochNanosExact(LogicalValues.localDateTimeAsUtc(text)));
    }

    /** Timestamps that AvroData maps to plain INT64: the value stays a number of the Avro unit. */
    private static AvroValueReader epochLong(String logicalName, String textForm, String unit,
                                             Function<String, Long> fromText) {
        return new TemporalReader("long", logicalName + " (ISO-8601 " + textForm + ", or " + unit
                + " since the epoch)", Long.MIN_VALUE, Long.MAX_VALUE, number -> number, fromText::apply);
    }
}
