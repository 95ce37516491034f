package io.github.schemafirst.connect.record.avro;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.JsonIntegers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Readers for Avro's primitive types and for enum and fixed. */
final class AvroScalarReaders {
    private AvroScalarReaders() {
    }

    static final class IntReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            if (node.isInt()) {
                return node.intValue();
            }
            if (!JsonIntegers.isInteger(node)) {
                throw mismatch(node);
            }
            if (!JsonIntegers.fitsInt(node)) {
                throw AvroValueException.mismatch("int (32-bit, -2147483648..2147483647)", node);
            }
            return (int) JsonIntegers.longValue(node);
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isNumber() && JsonIntegers.isInteger(node) && JsonIntegers.fitsInt(node);
        }

        @Override
        String expected() {
            return "int";
        }

        @Override
        String typeName() {
            return "int";
        }
    }

    static final class LongReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            if (node.isInt() || node.isLong()) {
                return node.longValue();
            }
            if (!JsonIntegers.isInteger(node)) {
                throw mismatch(node);
            }
            if (!JsonIntegers.fitsLong(node)) {
                throw AvroValueException.mismatch("long (64-bit)", node);
            }
            return JsonIntegers.longValue(node);
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isNumber() && JsonIntegers.isInteger(node) && JsonIntegers.fitsLong(node);
        }

        @Override
        String expected() {
            return "long";
        }

        @Override
        String typeName() {
            return "long";
        }
    }

    static final class FloatReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            if (!node.isNumber()) {
                throw mismatch(node);
            }
            float value = (float) node.doubleValue();
            if (Float.isInfinite(value)) {
                throw AvroValueException.mismatch("float (at most 3.4028235E38 in magnitude)", node);
            }
            return value;
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isNumber() && !Float.isInfinite((float) node.doubleValue());
        }

        @Override
        String expected() {
            return "float";
        }

        @Override
        String typeName() {
            return "float";
        }
    }

    static final class DoubleReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            if (!node.isNumber()) {
                throw mismatch(node);
            }
            double value = node.doubleValue();
            if (Double.isInfinite(value)) {
                throw AvroValueException.mismatch("double (at most 1.7976931348623157E308 in magnitude)", node);
            }
            return value;
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isNumber() && !Double.isInfinite(node.doubleValue());
        }

        @Override
        String expected() {
            return "double";
        }

        @Override
        String typeName() {
            return "double";
        }
    }

    static final class BooleanReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            if (!node.isBoolean()) {
                throw mismatch(node);
            }
            return node.booleanValue();
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isBoolean();
        }

        @Override
        String expected() {
            return "boolean";
        }

        @Override
        String typeName() {
            return "boolean";
        }
    }

    static final class StringReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            if (!node.isTextual()) {
                throw mismatch(node);
            }
            return node.textValue();
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isTextual();
        }

        @Override
        String expected() {
            return "string";
        }

        @Override
        String typeName() {
            return "string";
        }
    }

    /** A string whose characters are all in U+0000..U+00FF, one byte each, as Avro's own JSON encoding writes bytes. */
    static final class BytesReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            byte[] bytes = node.isTextual() ? latin1(node.textValue()) : null;
            if (bytes == null) {
                throw mismatch(node);
            }
            return bytes;
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isTextual() && latin1(node.textValue()) != null;
        }

        @Override
        String expected() {
            return "bytes (a string of characters U+0000..U+00FF, one per byte)";
        }

        @Override
        String typeName() {
            return "bytes";
        }
    }

    static final class FixedReader extends AvroValueReader {
        private final String fullName;
        private final int size;

        FixedReader(String fullName, int size) {
            this.fullName = fullName;
            this.size = size;
        }

        @Override
        Object read(JsonNode node) {
            byte[] bytes = node.isTextual() ? latin1(node.textValue()) : null;
            if (bytes == null || bytes.length != size) {
                throw mismatch(node);
            }
            return bytes;
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isTextual() && node.textValue().length() == size && latin1(node.textValue()) != null;
        }

        @Override
        String expected() {
            return "fixed " + fullName + " (a string of exactly " + size + " characters U+0000..U+00FF)";
        }

        @Override
        String typeName() {
            return fullName;
        }
    }

    static final class EnumReader extends AvroValueReader {
        private final String fullName;
        private final Map<String, String> symbols = new HashMap<>();
        private final String expected;

        EnumReader(String fullName, List<String> symbols) {
            this.fullName = fullName;
            for (String symbol : symbols) {
                this.symbols.put(symbol, symbol);
            }
            this.expected = "one of " + symbols;
        }

        @Override
        Object read(JsonNode node) {
            String symbol = node.isTextual() ? symbols.get(node.textValue()) : null;
            if (symbol == null) {
                throw mismatch(node);
            }
            return symbol;
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isTextual() && symbols.containsKey(node.textValue());
        }

        @Override
        String expected() {
            return expected;
        }

        @Override
        String typeName() {
            return fullName;
        }
    }

    /** Avro's {@code uuid} on a string: the canonical 8-4-4-4-12 hexadecimal form, either case. */
    static final class UuidReader extends AvroValueReader {
        @Override
        Object read(JsonNode node) {
            if (!node.isTextual() || !isUuid(node.textValue())) {
                throw mismatch(node);
            }
            return node.textValue();
        }

        @Override
        boolean accepts(JsonNode node) {
            return node.isTextual() && isUuid(node.textValue());
        }

        @Override
        String expected() {
            return "uuid (such as \"123e4567-e89b-12d3-a456-426614174000\")";
        }

        @Override
        String typeName() {
            return "string";
        }

        static boolean isUuid(String text) {
            if (text.length() != 36) {
                return false;
            }
            for (int i = 0; i < 36; i++) {
                char c = text.charAt(i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : !isHexDigit(c)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isHexDigit(char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }

    /** The string's characters as bytes, or null when one of them is above U+00FF. */
    static byte[] latin1(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return null;
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }
}
