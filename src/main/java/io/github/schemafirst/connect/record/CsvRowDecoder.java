package io.github.schemafirst.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Turns one CSV row into a JSON object keyed by column name, so CSV goes through the same mappers as JSON.
 *
 * <p>Cells are typed by the value schema's field of the same name, the way the same value would look in JSON:
 * integer fields (including {@code Date}, {@code Time}, {@code Timestamp}) get an integral number when the text is
 * an integer, number fields and {@code Decimal} a number when the text is one, booleans {@code true}/{@code false}
 * in any case. Text that does not fit stays text, so the mapper reports e.g. {@code expected integer, got "abc"}.
 * Everything else, and every cell when there is no schema, is text. An unquoted cell equal to the null marker is
 * JSON null; missing trailing cells are absent fields; more cells than columns is an invalid record.
 */
public final class CsvRowDecoder implements RecordDecoder {
    private enum CellType { TEXT, INTEGER, NUMBER, BOOLEAN }

    private final CSVFormat format;
    private final List<String> columns;
    private final CellType[] types;

    /**
     * @param format      parses one row (delimiter, quote, escape, null marker)
     * @param columns     the column names, from the header row or the value schema's fields; null when neither
     *                    exists: columns are then named {@code column1}, {@code column2}, ... and any count goes
     * @param valueSchema the declared value schema, or null: types the cells of the fields it declares
     */
    public CsvRowDecoder(CSVFormat format, List<String> columns, Schema valueSchema) {
        this.format = format;
        this.columns = columns == null ? null : Collections.unmodifiableList(new ArrayList<>(columns));
        int count = columns == null ? 0 : columns.size();
        this.types = new CellType[count];
        for (int i = 0; i < count; i++) {
            types[i] = cellType(valueSchema, columns.get(i));
        }
    }

    /** The column names of a header row. @throws InvalidRecordException when the row is not valid CSV */
    public static List<String> parseHeader(RawRecord header, CSVFormat format) throws InvalidRecordException {
        List<String> names = new ArrayList<>();
        for (String cell : parseOneRow(header, format)) {
            names.add(cell == null ? "" : cell); // the null marker means nothing in a header
        }
        return names;
    }

    /** The column names, or null when columns are named by position. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public JsonNode decode(RawRecord raw) throws InvalidRecordException {
        CSVRecord row = parseOneRow(raw, format);
        int size = row.size();
        if (columns != null && size > columns.size()) {
            throw new InvalidRecordException(raw.position(), "/",
                    "expected " + columns.size() + " columns, got " + size);
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < size; i++) {
            String cell = row.get(i);
            if (columns == null) {
                object.set("column" + (i + 1), cell == null ? NullNode.getInstance() : TextNode.valueOf(cell));
            } else {
                object.set(columns.get(i), cell == null ? NullNode.getInstance() : typed(cell, types[i]));
            }
        }
        return object;
    }

    private static CSVRecord parseOneRow(RawRecord raw, CSVFormat format) throws InvalidRecordException {
        String text = raw.utf8Text();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Iterator<CSVRecord> rows = parser.iterator();
            if (!rows.hasNext()) {
                throw new InvalidRecordException(raw.position(), "/", "expected a CSV row, got an empty record");
            }
            CSVRecord row = rows.next();
            if (rows.hasNext()) {
                // The reader splits rows at line feeds outside quotes; commons-csv also ends a row at a lone CR.
                throw new InvalidRecordException(raw.position(), "/",
                        "expected one CSV row, got a line break (CR) outside quotes");
            }
            return row;
        } catch (IOException | UncheckedIOException e) {
            String message = e instanceof UncheckedIOException && e.getCause() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw new InvalidRecordException(raw.position(), "/", "expected a CSV row, got invalid CSV: " + message,
                    e);
        }
    }

    private static JsonNode typed(String cell, CellType type) {
        switch (type) {
            case INTEGER:
                JsonNode integer = integerOrNull(cell);
                return integer == null ? TextNode.valueOf(cell) : integer;
            case NUMBER:
                return number(cell);
            case BOOLEAN:
                if ("true".equalsIgnoreCase(cell)) {
                    return BooleanNode.TRUE;
                }
                return "false".equalsIgnoreCase(cell) ? BooleanNode.FALSE : TextNode.valueOf(cell);
            default:
                return TextNode.valueOf(cell);
        }
    }

    /** Like Jackson's JSON numbers: int when it fits, then long, then big integer. */
    private static JsonNode integerOrNull(String cell) {
        if (!looksNumeric(cell)) {
            return null;
        }
        try {
            long value = Long.parseLong(cell);
            return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
        } catch (NumberFormatException notLong) {
            try {
                return BigIntegerNode.valueOf(new BigInteger(cell));
            } catch (NumberFormatException notInteger) {
                return null;
            }
        }
    }

    private static JsonNode number(String cell) {
        if (!looksNumeric(cell)) {
            return TextNode.valueOf(cell);
        }
        boolean fraction = cell.indexOf('.') >= 0 || cell.indexOf('e') >= 0 || cell.indexOf('E') >= 0;
        if (!fraction) {
            JsonNode integer = integerOrNull(cell);
            return integer == null ? TextNode.valueOf(cell) : integer;
        }
        try {
            return DecimalNode.valueOf(new BigDecimal(cell));
        } catch (NumberFormatException e) {
            return TextNode.valueOf(cell);
        }
    }

    /** Cheap pre-check so common text cells do not cost an exception; the parsers have the last word. */
    private static boolean looksNumeric(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    }

    private static CellType cellType(Schema valueSchema, String column) {
        if (valueSchema == null || valueSchema.type() != Schema.Type.STRUCT) {
            return CellType.TEXT;
        }
        Field field = valueSchema.field(column);
        if (field == null) {
            return CellType.TEXT;
        }
        Schema schema = field.schema();
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                return CellType.INTEGER;
            case FLOAT32:
            case FLOAT64:
                return CellType.NUMBER;
            case BOOLEAN:
                return CellType.BOOLEAN;
            case BYTES:
                return Decimal.LOGICAL_NAME.equals(schema.name()) ? CellType.NUMBER : CellType.TEXT;
            default:
                return CellType.TEXT;
        }
    }
}
