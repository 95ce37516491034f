package io.github.schemafirst.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.file.read.CsvOptions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class CsvRowDecoderTest {
    private static final Schema TYPED = SchemaBuilder.struct()
            .field("i8", Schema.INT8_SCHEMA)
            .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("text", Schema.OPTIONAL_STRING_SCHEMA)
            .field("day", Date.SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("amount", Decimal.schema(2))
            .build();
    private static final List<String> COLUMNS = List.of("i8", "i64", "f64", "flag", "text", "day", "at", "amount");

    private static JsonNode decode(String row) throws InvalidRecordException {
        return decode(row, CsvOptions.defaults(), TYPED);
    }

    private static JsonNode decode(String row, CsvOptions options, Schema schema) throws InvalidRecordException {
        CsvRowDecoder decoder = new CsvRowDecoder(options.toCsvFormat(), COLUMNS, schema);
        return decoder.decode(raw(row));
    }

    private static RawRecord raw(String row) {
        return new RawRecord(Position.line("t.csv", 3), row.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void typesEachCellByItsSchemaField() throws InvalidRecordException {
        JsonNode row = decode("12,9007199254740993,2.5,TRUE,hello,2024-01-31,1700000000000,12.34");
        assertThat(row.get("i8").isInt()).isTrue();
        assertThat(row.get("i8").intValue()).isEqualTo(12);
        assertThat(row.get("i64").isLong()).isTrue();
        assertThat(row.get("i64").longValue()).isEqualTo(9007199254740993L);
        assertThat(row.get("f64").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(row.get("flag").booleanValue()).isTrue();
        assertThat(row.get("text").textValue()).isEqualTo("hello");
        assertThat(row.get("day").textValue()).as("an ISO date stays text for the mapper").isEqualTo("2024-01-31");
        assertThat(row.get("at").isIntegralNumber()).as("epoch millis is a number, as in JSON").isTrue();
        assertThat(row.get("amount").decimalValue()).isEqualTo(new BigDecimal("12.34"));
    }

    @Test
    void textThatDoesNotFitTheTypeStaysTextForTheMapperToReport() throws InvalidRecordException {
        JsonNode row = decode("abc,1.5,x,yes,,,,");
        assertThat(row.get("i8").textValue()).isEqualTo("abc");
        assertThat(row.get("i64").textValue()).isEqualTo("1.5");
        assertThat(row.get("f64").textValue()).isEqualTo("x");
        assertThat(row.get("flag").textValue()).isEqualTo("yes");
    }

    @Test
    void integralTextInAFloatFieldIsAnIntegralNumberAsInJson() throws InvalidRecordException {
        assertThat(decode("1,2,3").get("f64").isInt()).isTrue();
        assertThat(decode("1,2,-1e3").get("f64").decimalValue()).isEqualByComparingTo("-1000");
    }

    @Test
    void hugeIntegersBecomeBigIntegersSoTheMapperCanReportTheRange() throws InvalidRecordException {
        assertThat(decode("99999999999999999999999").get("i8").isBigInteger()).isTrue();
    }

    @Test
    void anUnquotedEmptyCellIsNullAndAQuotedOneIsEmptyText() throws InvalidRecordException {
        JsonNode row = decode("1,,2.0,false,\"\"");
        assertThat(row.get("i64").isNull()).isTrue();
        assertThat(row.get("text").textValue()).isEmpty();
    }

    @Test
    void aCustomNullMarkerOrNone() throws InvalidRecordException {
        JsonNode marked = decode("1,NULL,2,true,NULL", CsvOptions.defaults().withNullMarker("NULL"), TYPED);
        assertThat(marked.get("i64").isNull()).isTrue();
        assertThat(marked.get("text").isNull()).isTrue();
        JsonNode none = decode("1,,2,true,", CsvOptions.defaults().withNullMarker(null), TYPED);
        assertThat(none.get("text").textValue()).isEmpty();
    }

    @Test
    void missingTrailingCellsAreAbsentFields() throws InvalidRecordException {
        JsonNode row = decode("1,2");
        assertThat(row.size()).isEqualTo(2);
        assertThat(row.has("f64")).isFalse();
    }

    @Test
    void moreCellsThanColumnsIsAnInvalidRecord() {
        assertThatThrownBy(() -> decode("1,2,3,true,t,d,a,1,extra"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("t.csv:3 /: expected 8 columns, got 9");
    }

    @Test
    void withoutASchemaEveryCellIsText() throws InvalidRecordException {
        JsonNode row = decode("12,x,2.5,true", CsvOptions.defaults(), null);
        assertThat(row.get("i8").textValue()).isEqualTo("12");
        assertThat(row.get("flag").textValue()).isEqualTo("true");
    }

    @Test
    void brokenQuotingAndLoneCarriageReturnsAreInvalidRecords() {
        assertThatThrownBy(() -> decode("1,\"ab\"c"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("t.csv:3 /: expected a CSV row, got invalid CSV: ");
        assertThatThrownBy(() -> decode("1,a\rb"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("t.csv:3 /: expected one CSV row, got a line break (CR) outside quotes");
    }

    @Test
    void invalidUtf8IsAnInvalidRecord() {
        CsvRowDecoder decoder = new CsvRowDecoder(CsvOptions.defaults().toCsvFormat(), COLUMNS, TYPED);
        RawRecord bad = new RawRecord(Position.line("t.csv", 4), new byte[] {'1', ',', (byte) 0xFF});
        assertThatThrownBy(() -> decoder.decode(bad))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("t.csv:4 /: expected UTF-8 text, got invalid UTF-8 bytes "
                        + "(0xFF never occurs in UTF-8) at byte 2");
        RawRecord overlong = new RawRecord(Position.line("t.csv", 5),
                "7,a\u00C0\u00AFb".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> decoder.decode(overlong))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("t.csv:5 /: expected UTF-8 text, got invalid UTF-8 bytes (overlong encoding) at byte 3");
    }
}
