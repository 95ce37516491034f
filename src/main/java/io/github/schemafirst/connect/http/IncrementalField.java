package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The record field whose highest value is carried from one poll cycle to the next ({@code http.incremental.field}):
 * a top-level field name, or a JSON Pointer when it starts with {@code /}.
 */
public final class IncrementalField {
    private final JsonPointer pointer;

    private IncrementalField(JsonPointer pointer) {
        this.pointer = pointer;
    }

    /** @throws IllegalArgumentException when a pointer is malformed */
    public static IncrementalField of(String fieldOrPointer) {
        String text = fieldOrPointer.trim();
        if (text.startsWith("/")) {
            return new IncrementalField(JsonPointer.compile(text));
        }
        return new IncrementalField(JsonPointer.compile("/" + text.replace("~", "~0").replace("/", "~1")));
    }

    /** The field's value as text (numbers in their JSON form), or empty when the record has no usable value. */
    public Optional<String> valueOf(JsonNode record) {
        JsonNode node = record.at(pointer);
        if (node.isNumber()) {
            return Optional.of(node.numberValue() instanceof BigDecimal
                    ? ((BigDecimal) node.numberValue()).toPlainString() : node.asText());
        }
        if (node.isTextual() && !node.textValue().isEmpty()) {
            return Optional.of(node.textValue());
        }
        return Optional.empty();
    }

    /**
     * The higher of two values (either may be null): numerically when both are numbers, otherwise as strings,
     * which orders ISO-8601 timestamps of one format and zone correctly.
     */
    public static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return compare(a, b) >= 0 ? a : b;
    }

    /** Orders two non-null values the way {@link #max} does: numerically when both are numbers, else as strings. */
    public static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return x != null && y != null ? x.compareTo(y) : a.compareTo(b);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return pointer.toString();
    }
}
