package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Whether a JSON number is an integer, and whether it fits 32 or 64 bits. A number is an integer by value, not by
 * spelling: {@code 18.0} and {@code 1e3} are integers, {@code 18.5} is not (as JSON Schema's {@code integer} does).
 */
public final class JsonIntegers {
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private JsonIntegers() {
    }

    public static boolean isInteger(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
        }
        if (node.isFloatingPointNumber()) {
            double value = node.doubleValue();
            return !Double.isInfinite(value) && value == Math.rint(value);
        }
        return false;
    }

    /** For an {@link #isInteger integer} node: whether it fits an {@code int}. */
    public static boolean fitsInt(JsonNode node) {
        if (node.isInt()) {
            return true;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt();
        }
        BigDecimal value = asBigDecimal(node);
        return value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0;
    }

    /** For an {@link #isInteger integer} node: whether it fits a {@code long}. */
    public static boolean fitsLong(JsonNode node) {
        if (node.isInt() || node.isLong()) {
            return true;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong();
        }
        BigDecimal value = asBigDecimal(node);
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
    }

    /** For an integer node that fits: its value ({@code 1e3} becomes 1000). */
    public static long longValue(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        return asBigDecimal(node).longValueExact();
    }

    private static BigDecimal asBigDecimal(JsonNode node) {
        return node.isBigDecimal() ? node.decimalValue() : BigDecimal.valueOf(node.doubleValue());
    }
}
