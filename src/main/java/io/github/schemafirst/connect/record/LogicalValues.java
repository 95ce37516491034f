package io.github.schemafirst.connect.record;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Text and numbers to the values of Connect's logical types (and Avro's time units), never rounding: a value that
 * would lose digits is refused. The parse methods throw {@link java.time.DateTimeException},
 * {@link ArithmeticException} or {@link NumberFormatException}; callers turn those into record errors.
 */
public final class LogicalValues {
    public static final long MILLIS_PER_DAY = 86_400_000L;

    private LogicalValues() {
    }

    /** An ISO-8601 calendar date ({@code 2024-05-31}) as Connect's {@code Date}: midnight UTC of that day. */
    public static java.util.Date date(String isoDate) {
        return dateFromEpochDay(LocalDate.parse(isoDate, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay());
    }

    public static java.util.Date dateFromEpochDay(long epochDay) {
        return new java.util.Date(Math.multiplyExact(epochDay, MILLIS_PER_DAY));
    }

    /** An ISO-8601 local time ({@code 13:45}, {@code 13:45:30.123456}) as nanoseconds after midnight. */
    public static long nanoOfDay(String isoTime) {
        return LocalTime.parse(isoTime, DateTimeFormatter.ISO_LOCAL_TIME).toNanoOfDay();
    }

    /** An ISO-8601 date-time with an offset ({@code 2024-05-31T13:45:30Z}, {@code ...+02:00}) as an instant. */
    public static Instant instant(String isoDateTime) {
        return OffsetDateTime.parse(isoDateTime, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** An ISO-8601 date-time without offset, read as if in UTC (Avro's {@code local-timestamp-*}). */
    public static Instant localDateTimeAsUtc(String isoDateTime) {
        return LocalDateTime.parse(isoDateTime, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    /** @throws ArithmeticException when the instant has digits below a millisecond or is out of range */
    public static long epochMillisExact(Instant instant) {
        return epochExact(instant, 1_000L, 1_000_000);
    }

    /** @throws ArithmeticException when the instant has digits below a microsecond or is out of range */
    public static long epochMicrosExact(Instant instant) {
        return epochExact(instant, 1_000_000L, 1_000);
    }

    /** @throws ArithmeticException when the instant is out of the range of a long of nanoseconds */
    public static long epochNanosExact(Instant instant) {
        return epochExact(instant, 1_000_000_000L, 1);
    }

    private static long epochExact(Instant instant, long unitsPerSecond, int nanosPerUnit) {
        if (instant.getNano() % nanosPerUnit != 0) {
            throw new ArithmeticException("more precise than the unit");
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), unitsPerSecond),
                instant.getNano() / nanosPerUnit);
    }

    /** Nanoseconds after midnight in a coarser unit. @throws ArithmeticException when digits would be lost */
    public static long divideExact(long nanos, long nanosPerUnit) {
        if (nanos % nanosPerUnit != 0) {
            throw new ArithmeticException("more precise than the unit");
        }
        return nanos / nanosPerUnit;
    }

    /**
     * The value with exactly {@code scale} digits after the point, or null when that would need rounding (more
     * significant fraction digits than the scale) or it has more than {@code precision} digits in all.
     */
    public static BigDecimal decimalExact(BigDecimal value, int scale, int precision) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        // digits left of the point, checked first so that 1e999999999 never gets expanded
        if (value.precision() - value.scale() > precision - scale) {
            return null;
        }
        if (value.scale() > scale && value.stripTrailingZeros().scale() > scale) {
            return null;
        }
        BigDecimal scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        return scaled.precision() > precision ? null : scaled;
    }
}
