package io.github.schemafirst.connect.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads the record timestamp from {@code timestamp.field}: an int64 of epoch milliseconds, a Timestamp or Date
 * logical value, or an ISO-8601 string (offset date-time, local date-time taken as UTC, or a date at midnight UTC),
 * at or after 1970-01-01T00:00:00Z: Kafka record timestamps cannot be negative.
 */
public final class TimestampExtractor {
    private static final TimestampExtractor NONE = new TimestampExtractor(null);

    private final Field field;

    private TimestampExtractor(Field field) {
        this.field = field;
    }

    /** @throws IllegalArgumentException when the field is missing or of a type that is not a point in time */
    public static TimestampExtractor forField(Optional<String> name, Schema valueSchema) {
        if (name.isEmpty()) {
            return NONE;
        }
        if (valueSchema.type() != Schema.Type.STRUCT) {
            throw new IllegalArgumentException("a timestamp field needs a record/object value schema, but the value is "
                    + valueSchema.type());
        }
        Field field = valueSchema.field(name.get());
        if (field == null) {
            throw new IllegalArgumentException("'" + name.get() + "' is not a field of the value schema");
        }
        Schema.Type type = field.schema().type();
        boolean dateLogical = org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(field.schema().name());
        if (type != Schema.Type.INT64 && type != Schema.Type.STRING && !(type == Schema.Type.INT32 && dateLogical)) {
            throw new IllegalArgumentException("'" + name.get() + "' is " + type
                    + "; a timestamp field must be an int64 (epoch ms), a Timestamp/Date or an ISO-8601 string");
        }
        return new TimestampExtractor(field);
    }

    /**
     * @return epoch milliseconds, or null to let Kafka set the timestamp
     * @throws InvalidRecordException when the value is not a time, or is before 1970: the worker turns a negative
     *     timestamp other than -1 into an error outside its error handling, which fails the task, and -1 (Kafka's
     *     "no timestamp") silently into the time of sending
     */
    public Long timestamp(Object value, Position position) throws InvalidRecordException {
        if (field == null) {
            return null;
        }
        Object raw = ((Struct) value).get(field);
        if (raw == null) {
            return null;
        }
        long millis = millis(raw, position);
        if (millis < 0) {
            throw new InvalidRecordException(position, "/" + field.name(), "expected a time at or after "
                    + "1970-01-01T00:00:00Z (Kafka record timestamps cannot be negative), got " + shown(raw, millis));
        }
        return millis;
    }

    private long millis(Object raw, Position position) throws InvalidRecordException {
        if (raw instanceof Long) {
            return (Long) raw;
        }
        if (raw instanceof Date) {
            return ((Date) raw).getTime();
        }
        String text = raw.toString();
        try {
            return parseIso8601(text);
        } catch (DateTimeException e) {
            throw new InvalidRecordException(position, "/" + field.name(),
                    "expected an ISO-8601 date-time, got \"" + text + "\"");
        }
    }

    /** The value as a message shows it: text as given, epoch milliseconds with the time they mean, else ISO-8601. */
    private static String shown(Object raw, long millis) {
        if (raw instanceof Long) {
            return millis + " (" + Instant.ofEpochMilli(millis) + ")";
        }
        if (raw instanceof Date) {
            return Instant.ofEpochMilli(millis).toString();
        }
        return "\"" + raw + "\"";
    }

    static long parseIso8601(String text) {
        if (text.length() <= 10) {
            return LogicalValues.date(text).getTime();
        }
        try {
            return LogicalValues.instant(text).toEpochMilli();
        } catch (DateTimeException withoutOffset) {
            return LogicalValues.localDateTimeAsUtc(text).toEpochMilli();
        }
    }
}
