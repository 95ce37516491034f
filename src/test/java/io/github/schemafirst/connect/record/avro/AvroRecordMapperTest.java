package io.github.schemafirst.connect.record.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.avro.AvroSchemaTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroRecordMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Position AT = Position.line("in.jsonl", 3);
    private static final String VALID = "{'name':'Ann','n':18,'big':1,'f':1.5,'d':2.25,'ok':true,'raw':'\\u00ffA',"
            + "'color':'RED','md5':'abcd','tags':['a','b','c'],'attrs':{'k':1},'nick':'an','alt':null,"
            + "'addr':{'street':'High St','zip':'123'},'amount':12.3,'day':'2024-05-31','at':'13:45:30.123',"
            + "'ts':'2024-05-31T13:45:30.123+02:00','micros':'1970-01-01T00:00:00.000001Z',"
            + "'id':'123e4567-e89b-12d3-a456-426614174000','choice':7,'count':2,'home':{'street':'Elm'}}";

    private final AvroRecordMapper everything = mapper(resource("/schemas/everything.avsc"));

    static String resource(String name) {
        try (InputStream in = AvroRecordMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static AvroRecordMapper mapper(String avsc) {
        return new AvroRecordMapper(AvroSchemaTranslator.translate(avsc));
    }

    /** Decoded as the connector decodes records: floats as BigDecimal. */
    static JsonNode json(String text) {
        try {
            return new JsonRecordDecoder().decode(new RawRecord(AT, text.replace('\'', '"')
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode validWith(String field, String valueJson) {
        ObjectNode record = (ObjectNode) json(VALID);
        if (valueJson == null) {
            record.remove(field);
        } else {
            record.set(field, json(valueJson));
        }
        return record;
    }

    private Struct mapValid(JsonNode record) throws InvalidRecordException {
        Struct struct = (Struct) everything.map(record, AT);
        struct.validate();
        return struct;
    }

    @Test
    void sharedUsersWithErrorsAgainstUserAvsc() throws IOException {
        AvroRecordMapper mapper = mapper(resource("/schemas/user.avsc"));
        JsonRecordDecoder decoder = new JsonRecordDecoder();
        String[] lines = resource("/users-with-errors.jsonl").split("\n");
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Position position = Position.line("users-with-errors.jsonl", i + 1);
            try {
                Struct user = (Struct) mapper.map(decoder.decode(new RawRecord(position,
                        lines[i].getBytes(StandardCharsets.UTF_8))), position);
                outcomes.add("ok " + user.getString("name") + " " + user.getInt64("favorite_number"));
            } catch (InvalidRecordException e) {
                outcomes.add(e.getMessage());
            }
        }

        assertThat(outcomes).hasSize(8);
        assertThat(outcomes.get(0)).isEqualTo("ok Gildong-Hong 18");
        assertThat(outcomes.get(1))
                .isEqualTo("users-with-errors.jsonl:2 /favorite_number: expected long, got \"eighteen\"");
        assertThat(outcomes.get(2)).isEqualTo(
                "users-with-errors.jsonl:3 /favorite_number: expected a value (field is required), got nothing");
        assertThat(outcomes.get(3)).isEqualTo("ok Jonas-Müller 0");
        assertThat(outcomes.get(4)).isEqualTo("users-with-errors.jsonl:5 /favorite_color: expected string, got 7");
        assertThat(outcomes.get(5)).startsWith("users-with-errors.jsonl:6 /: invalid JSON");
        assertThat(outcomes.get(6)).isEqualTo("users-with-errors.jsonl:7 /name: expected string, got null");
        assertThat(outcomes.get(7)).isEqualTo("ok Lucía-García 42");
    }

    @Test
    void validRecordBecomesAStructOfTheDeclaredSchema() throws Exception {
        Struct value = mapValid(json(VALID));

        assertThat(value.schema()).isSameAs(everything.valueSchema());
        assertThat(value.get("name")).isEqualTo("Ann");
        assertThat(value.get("n")).isEqualTo(18);
        assertThat(value.get("big")).isEqualTo(1L);
        assertThat(value.get("f")).isEqualTo(1.5f);
        assertThat(value.get("d")).isEqualTo(2.25d);
        assertThat(value.get("ok")).isEqualTo(true);
        assertThat((byte[]) value.get("raw")).containsExactly((byte) 0xff, (byte) 'A');
        assertThat(value.get("color")).isEqualTo("RED");
        assertThat((byte[]) value.get("md5")).containsExactly('a', 'b', 'c', 'd');
        assertThat(value.get("tags")).isEqualTo(List.of("a", "b", "c"));
        assertThat(value.get("attrs")).isEqualTo(Map.of("k", 1));
        assertThat(value.get("nick")).isEqualTo("an");
        // an explicit null is kept; Struct.get would substitute the field's default "none" (a Connect rule, hence
        // the converter's ignore.default.for.nullables=true recommended in docs/avro.md)
        assertThat(value.getWithoutDefault("alt")).isNull();
        assertThat(value.getStruct("addr").get("zip")).isEqualTo("123");
        assertThat(value.get("amount")).isEqualTo(new BigDecimal("12.30"));
        assertThat(value.get("day")).isEqualTo(new java.util.Date(19874L * 86_400_000L));
        assertThat(value.get("at")).isEqualTo(new java.util.Date(49_530_123L));
        assertThat(value.get("ts")).isEqualTo(new java.util.Date(1_717_155_930_123L));
        assertThat(value.get("micros")).isEqualTo(1L);
        assertThat(value.get("id")).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        Struct choice = value.getStruct("choice");
        assertThat(choice.schema().name()).isEqualTo("io.confluent.connect.avro.Union");
        assertThat(choice.get("long")).isEqualTo(7L);
        assertThat(choice.get("string")).isNull();
        assertThat(value.get("count")).isEqualTo(2);
        assertThat(value.getStruct("home").get("street")).isEqualTo("Elm");
    }

    @Test
    void missingFieldsTakeTheirAvroDefaults() throws Exception {
        ObjectNode record = (ObjectNode) json(VALID);
        record.remove(List.of("nick", "alt", "choice", "count", "home"));

        Struct value = mapValid(record);

        assertThat(value.get("nick")).isNull();
        assertThat(value.get("alt")).isEqualTo("none");
        assertThat(value.get("choice")).isNull();
        assertThat(value.get("count")).isEqualTo(1);
        Struct home = value.getStruct("home");
        assertThat(home.get("street")).isEqualTo("Main St");
        assertThat(home.get("zip")).isNull();
    }

    @Test
    void numbersAreReadByValueAndLogicalTypesAcceptTheirUnderlyingNumbers() throws Exception {
        Struct value = mapValid(validWith("n", "18.0"));
        assertThat(value.get("n")).isEqualTo(18);
        assertThat(mapValid(validWith("big", "1e3")).get("big")).isEqualTo(1000L);
        assertThat(mapValid(validWith("f", "2")).get("f")).isEqualTo(2.0f);
        assertThat(mapValid(validWith("amount", "'-0.5'")).get("amount")).isEqualTo(new BigDecimal("-0.50"));
        assertThat(mapValid(validWith("amount", "1.200")).get("amount")).isEqualTo(new BigDecimal("1.20"));
        assertThat(mapValid(validWith("day", "1")).get("day")).isEqualTo(new java.util.Date(86_400_000L));
        assertThat(mapValid(validWith("ts", "5")).get("ts")).isEqualTo(new java.util.Date(5L));
        assertThat(mapValid(validWith("at", "1000")).get("at")).isEqualTo(new java.util.Date(1000L));
    }

    @Test
    void unionsTakeAvroWrappedOrBareValues() throws Exception {
        assertThat(mapValid(validWith("choice", "{'string':'x'}")).getStruct("choice").get("string")).isEqualTo("x");
        assertThat(mapValid(validWith("choice", "'x'")).getStruct("choice").get("string")).isEqualTo("x");
        Struct addr = mapValid(validWith("choice", "{'street':'S'}")).getStruct("choice").getStruct("test.Addr");
        assertThat(addr.get("street")).isEqualTo("S");
        assertThat(mapValid(validWith("choice", "{'test.Addr':{'street':'T'}}")).getStruct("choice")
                .getStruct("test.Addr").get("street")).isEqualTo("T");
    }

    @Test
    void decimalFromADoubleNodeUsesItsShortestDecimalForm() throws Exception {
        JsonNode record = new ObjectMapper().readTree(VALID.replace('\'', '"').replace("12.3", "0.1"));
        assertThat(mapValid(record).get("amount")).isEqualTo(new BigDecimal("0.10"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "n      | 18.5                              | /n: expected int, got 18.5",
        "n      | 1099511627776                     | /n: expected int (32-bit, -2147483648..2147483647), got 1099511627776",
        "n      | '18'                              | /n: expected int, got \"18\"",
        "big    | 9223372036854775808               | /big: expected long (64-bit), got 9223372036854775808",
        "f      | '1.5'                             | /f: expected float, got \"1.5\"",
        "f      | 1e39                              | /f: expected float (at most 3.4028235E38 in magnitude), got 1E+39",
        "ok     | 'true'                            | /ok: expected boolean, got \"true\"",
        "name   | null                              | /name: expected string, got null",
        "name   | {'first':'Ann'}                   | /name: expected string, got {\"first\":\"Ann\"}",
        "raw    | '€'                               | /raw: expected bytes (a string of characters U+0000..U+00FF, one per byte), got \"€\"",
        "color  | 'GREEN'                           | /color: expected one of [RED, BLUE], got \"GREEN\"",
        "md5    | 'abc'                             | /md5: expected fixed test.Md5 (a string of exactly 4 characters U+0000..U+00FF), got \"abc\"",
        "tags   | ['a','b','c',4]                   | /tags/3: expected string, got 4",
        "tags   | 'a,b'                             | /tags: expected array of string, got \"a,b\"",
        "attrs  | {'k':'x'}                         | /attrs/k: expected int, got \"x\"",
        "attrs  | {'a/b':true}                      | /attrs/a~1b: expected int, got true",
        "nick   | 5                                 | /nick: expected string, got 5",
        "addr   | [1]                               | /addr: expected a record (JSON object), got [1]",
        "addr   | {'zip':'1'}                       | /addr/street: expected a value (field is required), got nothing",
        "amount | 1.234                             | /amount: expected decimal(6,2) (at most 4 digits before the point and 2 after), got 1.234",
        "amount | 12345.6                           | /amount: expected decimal(6,2) (at most 4 digits before the point and 2 after), got 12345.6",
        "amount | 'abc'                             | /amount: expected decimal(6,2) (a JSON number or numeric string), got \"abc\"",
        "day    | '2024-02-30'                      | /day: expected date (ISO-8601 date such as \"2024-05-31\", or days since 1970-01-01), got \"2024-02-30\"",
        "at     | 86400000                          | /at: expected time-millis (ISO-8601 time such as \"13:45:30.123\", or milliseconds after midnight), got 86400000",
        "ts     | '2024-05-31T13:45:30'             | /ts: expected timestamp-millis (ISO-8601 date-time with offset such as \"2024-05-31T13:45:30.123Z\", or milliseconds since the epoch), got \"2024-05-31T13:45:30\"",
        "ts     | '2024-05-31T13:45:30.1234Z'       | /ts: expected timestamp-millis (ISO-8601 date-time with offset such as \"2024-05-31T13:45:30.123Z\", or milliseconds since the epoch), got \"2024-05-31T13:45:30.1234Z\"",
        "micros | 1.5                               | /micros: expected timestamp-micros (ISO-8601 date-time with offset, or microseconds since the epoch), got 1.5",
        "id     | 'not-a-uuid'                      | /id: expected uuid (such as \"123e4567-e89b-12d3-a456-426614174000\"), got \"not-a-uuid\"",
        "choice | true                              | /choice: expected one of [null, long, string, test.Addr], got true",
        "choice | {'test.Addr':{'street':5}}        | /choice/test.Addr/street: expected string, got 5",
        "home   | {'street':null}                   | /home/street: expected string, got null",
    })
    void invalidFieldNamesPathExpectedAndActual(String field, String valueJson, String message) {
        JsonNode record = validWith(field, valueJson);

        assertThatThrownBy(() -> everything.map(record, AT))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("in.jsonl:3 " + message);
    }

    @Test
    void recordThatIsNotAnObject() {
        assertThatThrownBy(() -> everything.map(json("['Ann', 18]"), AT))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo("/");
                    assertThat(e.reason()).isEqualTo("expected a record (JSON object), got [\"Ann\",18]");
                });
    }

    @Test
    void longActualValuesAreCut() {
        String many = "['" + String.join("','", java.util.Collections.nCopies(20, "abcdef")) + "']";

        assertThatThrownBy(() -> everything.map(validWith("name", many), AT))
                .hasMessage("in.jsonl:3 /name: expected string, got "
                        + "[\"abcdef\",\"abcdef\",\"abcdef\",\"abcdef\",\"abcdef\",\"abcdef\",\"abc\u2026");
    }

    @Test
    void unknownFieldsAreIgnoredUnlessRejected() throws Exception {
        String avsc = resource("/schemas/user.avsc");
        JsonNode record = json("{'name':'Ann','favorite_number':1,'favorite_color':'red','extra':[1]}");

        assertThat(((Struct) new AvroRecordMapper(AvroSchemaTranslator.translate(avsc)).map(record, AT))
                .getString("name")).isEqualTo("Ann");
        assertThatThrownBy(() -> new AvroRecordMapper(AvroSchemaTranslator.translate(avsc), true).map(record, AT))
                .hasMessage("in.jsonl:3 /extra: expected no field \"extra\" (record User declares 3 fields: name,"
                        + " favorite_number, favorite_color), got [1]");
    }

    @Test
    void topLevelNonRecordSchemas() throws Exception {
        assertThat(mapper("\"string\"").map(json("'hi'"), AT)).isEqualTo("hi");
        assertThat(mapper("{\"type\":\"array\",\"items\":\"long\"}").map(json("[1,2]"), AT)).isEqualTo(List.of(1L, 2L));
        assertThat(mapper("[\"null\",\"int\"]").map(json("null"), AT)).isNull();
        assertThatThrownBy(() -> mapper("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}").map(json("'B'"), AT))
                .hasMessage("in.jsonl:3 /: expected one of [A], got \"B\"");
    }

    @Test
    void decimalOnFixedAndLocalTimestamps() throws Exception {
        DeclaredSchema declared = AvroSchemaTranslator.translate(("{'type':'record','name':'R','fields':["
                + "{'name':'m','type':{'type':'fixed','name':'M','size':3,'logicalType':'decimal','precision':5,'scale':1}},"
                + "{'name':'l','type':{'type':'long','logicalType':'local-timestamp-millis'}},"
                + "{'name':'t','type':{'type':'long','logicalType':'time-micros'}}]}").replace('\'', '"'));
        AvroRecordMapper mapper = new AvroRecordMapper(declared);

        Struct value = (Struct) mapper.map(json("{'m':'1234.5','l':'1970-01-01T00:00:01','t':'00:00:00.000002'}"), AT);

        assertThat(value.get("m")).isEqualTo(new BigDecimal("1234.5"));
        assertThat(value.get("l")).isEqualTo(1000L);
        assertThat(value.get("t")).isEqualTo(2L);
    }
}
