package io.github.schemafirst.connect.record.jsonschema;

import io.github.schemafirst.connect.record.LogicalValues;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * RFC 3339 text (JSON Schema's {@code date-time}, {@code date} and {@code time} formats) to the
 * {@link java.util.Date} values Connect's Timestamp, Date and Time logical types carry. Sub-millisecond digits are
 * truncated: Connect's logical types hold milliseconds.
 */
final class IsoTemporal {
    private IsoTemporal() {
    }

    /** {@code 2024-05-01T12:30:00Z}, {@code 2024-05-01T14:30:00.123+02:00} to the instant. */
    static Date timestamp(String text) throws DateTimeParseException {
        return new Date(LogicalValues.instant(upper(text)).toEpochMilli());
    }

    /** {@code 2024-05-01} to midnight UTC of that day (what Connect's Date requires). */
    static Date date(String text) throws DateTimeParseException {
        return LogicalValues.date(text);
    }

    /**
     * {@code 12:30:00Z} or {@code 14:30:00+02:00} to that time of day in UTC on 1970-01-01 (what Connect's Time
     * requires); a time without offset is taken as UTC.
     */
    static Date time(String text) throws DateTimeParseException {
        String upper = upper(text);
        LocalTime utc;
        try {
            utc = OffsetTime.parse(upper, DateTimeFormatter.ISO_OFFSET_TIME)
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
        } catch (DateTimeParseException withoutOffset) {
            utc = LocalTime.parse(upper, DateTimeFormatter.ISO_LOCAL_TIME);
        }
        return new Date(utc.toNanoOfDay() / 1_000_000L);
    }

    // RFC 3339 allows lower-case 't' and 'z'; java.time's ISO formatters want upper case.
    private static String upper(String text) {
        return text.indexOf('t') >= 0 || text.indexOf('z') >= 0 ? text.replace('t', 'T').replace('z', 'Z') : text;
    }
}
