package io.github.schemafirst.connect.record.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.record.JsonRecordDecoder;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.schema.jsonschema.JsonSchemaTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemaRecordMapperTest {
    private static final JsonRecordDecoder DECODER = new JsonRecordDecoder();

    /** A schema using every mapping rule and many validation keywords (draft-07, no $schema). */
    private static final String RICH = "{"
            + "\"title\":\"Order\",\"type\":\"object\",\"additionalProperties\":false,"
            + "\"required\":[\"id\",\"qty\",\"status\",\"lines\"],"
            + "\"definitions\":{\"Line\":{\"type\":\"object\",\"required\":[\"sku\"],\"properties\":{"
            + "  \"sku\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}-[0-9]+$\"},"
            + "  \"price\":{\"type\":\"number\",\"minimum\":0}}}},"
            + "\"properties\":{"
            + "\"id\":{\"type\":\"string\",\"minLength\":3,\"maxLength\":8},"
            + "\"qty\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"multipleOf\":1},"
            + "\"ratio\":{\"type\":\"number\",\"exclusiveMaximum\":1},"
            + "\"status\":{\"type\":\"string\",\"enum\":[\"NEW\",\"PAID\"]},"
            + "\"kind\":{\"const\":\"order\"},"
            + "\"note\":{\"type\":[\"string\",\"null\"]},"
            + "\"coupon\":{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"integer\"}]},"
            + "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"day\":{\"type\":\"string\",\"format\":\"date\"},"
            + "\"clock\":{\"type\":\"string\",\"format\":\"time\"},"
            + "\"flags\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"boolean\"},\"maxProperties\":2},"
            + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,\"maxItems\":3,"
            + "  \"uniqueItems\":true},"
            + "\"lines\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/Line\"}},"
            + "\"ship\":{\"oneOf\":[{\"$ref\":\"#/definitions/Line\"},{\"type\":\"null\"}]},"
            + "\"big\":{\"type\":\"integer\"}"
            + "}}";

    private static final String VALID = "{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[{\"sku\":\"ABC-1\"}]}";

    static String resource(String path) throws IOException {
        try (InputStream in = JsonSchemaRecordMapperTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(String text) throws InvalidRecordException {
        return DECODER.decode(new RawRecord(Position.line("t.jsonl", 1), text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonSchemaRecordMapper mapper(String schema) {
        return new JsonSchemaRecordMapper(JsonSchemaTranslator.translate(schema));
    }

    /** Every line of the shared sample run through the decoder and the mapper: the message, or the mapped value. */
    @Test
    void usersWithErrorsAgainstUserSchema() throws IOException {
        JsonSchemaRecordMapper mapper = mapper(resource("/schemas/user.schema.json"));
        String[] lines = resource("/records/users-with-errors.jsonl").split("\n");
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Position position = Position.line("users-with-errors.jsonl", i + 1);
            try {
                Struct user = (Struct) mapper.map(DECODER.decode(new RawRecord(position,
                        lines[i].getBytes(StandardCharsets.UTF_8))), position);
                user.validate();
                outcomes.add(user.getString("name") + "|" + user.getFloat64("favorite_number") + "|"
                        + user.getString("favorite_color"));
            } catch (InvalidRecordException e) {
                outcomes.add(e.getMessage());
            }
        }

        assertThat(outcomes).hasSize(8);
        assertThat(outcomes.get(0)).isEqualTo("Gildong-Hong|18.0|blue");
        assertThat(outcomes.get(1)).isEqualTo(
                "users-with-errors.jsonl:2 /favorite_number: expected number, got \"eighteen\"");
        assertThat(outcomes.get(2)).isEqualTo(
                "users-with-errors.jsonl:3 /favorite_number: expected required field, got nothing");
        assertThat(outcomes.get(3)).isEqualTo(
                "users-with-errors.jsonl:4 /favorite_number: expected number > 0, got 0");
        assertThat(outcomes.get(4)).isEqualTo(
                "users-with-errors.jsonl:5 /favorite_color: expected string, got 7");
        assertThat(outcomes.get(5)).startsWith("users-with-errors.jsonl:6 /: invalid JSON");
        assertThat(outcomes.get(6)).isEqualTo("users-with-errors.jsonl:7 /name: expected string, got null");
        assertThat(outcomes.get(7)).isEqualTo("Lucía-García|42.0|white");
    }

    @Test
    void fieldPathAndReasonAreExposedSeparately() throws Exception {
        JsonSchemaRecordMapper mapper = mapper(resource("/schemas/user.schema.json"));

        assertThatThrownBy(() -> mapper.map(json("{\"name\":\"a\",\"favorite_color\":\"b\"}"),
                Position.item("https://api.example.com/users", 3)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo("/favorite_number");
                    assertThat(e.reason()).isEqualTo("expected required field, got nothing");
                    assertThat(e.position().toString()).isEqualTo("https://api.example.com/users#3");
                });
    }

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("[1,2]", "/: expected object, got [1,2]"),
                Arguments.of("{\"qty\":2,\"status\":\"NEW\",\"lines\":[]}", "/id: expected required field, got nothing"),
                Arguments.of("{\"id\":\"A\",\"qty\":2,\"status\":\"NEW\",\"lines\":[]}",
                        "/id: expected string of at least 3 characters, got \"A\""),
                Arguments.of("{\"id\":\"ABCDEFGHIJ\",\"qty\":2,\"status\":\"NEW\",\"lines\":[]}",
                        "/id: expected string of at most 8 characters, got \"ABCDEFGHIJ\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":0,\"status\":\"NEW\",\"lines\":[]}",
                        "/qty: expected number >= 1, got 0"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":101,\"status\":\"NEW\",\"lines\":[]}",
                        "/qty: expected number <= 100, got 101"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2.5,\"status\":\"NEW\",\"lines\":[]}",
                        "/qty: expected integer, got 2.5"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"ratio\":1,\"status\":\"NEW\",\"lines\":[]}",
                        "/ratio: expected number < 1, got 1"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"LOST\",\"lines\":[]}",
                        "/status: expected one of [\"NEW\",\"PAID\"], got \"LOST\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"kind\":\"refund\",\"lines\":[]}",
                        "/kind: expected \"order\", got \"refund\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"note\":5,\"lines\":[]}",
                        "/note: expected string or null, got 5"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"coupon\":\"X\",\"lines\":[]}",
                        "/coupon: expected integer or null, got \"X\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"at\":\"yesterday\",\"lines\":[]}",
                        "/at: expected date-time string (RFC 3339), got \"yesterday\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"day\":\"2024-02-30\",\"lines\":[]}",
                        "/day: expected date string (RFC 3339 full-date), got \"2024-02-30\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"clock\":\"25:00:00Z\",\"lines\":[]}",
                        "/clock: expected time string (RFC 3339 full-time), got \"25:00:00Z\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"flags\":{\"a\":1},\"lines\":[]}",
                        "/flags/a: expected boolean, got 1"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"flags\":{\"a\":true,\"b\":true,"
                        + "\"c\":false},\"lines\":[]}", "/flags: expected at most 2 fields, got 3 fields"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"tags\":[],\"lines\":[]}",
                        "/tags: expected at least 1 items, got 0 items"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"tags\":[\"a\",\"b\",\"c\",\"d\"],"
                        + "\"lines\":[]}", "/tags: expected at most 3 items, got 4 items"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"tags\":[\"a\",\"a\"],\"lines\":[]}",
                        "/tags: expected unique items, got [\"a\",\"a\"]"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"tags\":[\"a\",null],\"lines\":[]}",
                        "/tags/1: expected string, got null"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[{\"sku\":\"ABC-1\"},{}]}",
                        "/lines/1/sku: expected required field, got nothing"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[{\"sku\":\"abc\"}]}",
                        "/lines/0/sku: expected string matching pattern \"^[A-Z]{3}-[0-9]+$\", got \"abc\""),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[{\"sku\":\"ABC-1\","
                        + "\"price\":-1}]}", "/lines/0/price: expected number >= 0, got -1"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[],\"ship\":{\"sku\":5}}",
                        "/ship/sku: expected string, got 5"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[],\"ship\":[]}",
                        "/ship: expected object or null, got []"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[],\"extra\":true}",
                        "/extra: expected no field \"extra\" (additionalProperties does not allow it), got true"),
                Arguments.of("{\"id\":\"A-1\",\"qty\":2,\"status\":\"NEW\",\"lines\":[],"
                        + "\"big\":92233720368547758070}",
                        "/big: expected integer within int64 range, got 92233720368547758070"),
                Arguments.of("{\"id\":\"" + "x".repeat(100) + "\",\"qty\":2,\"status\":\"NEW\",\"lines\":[]}",
                        "/id: expected string of at most 8 characters, got \"" + "x".repeat(58) + "\u2026")
        );
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badOrders")
    void badRecordsNameFieldExpectedAndActual(String record, String message) throws Exception {
        JsonSchemaRecordMapper mapper = mapper(RICH);
        JsonNode node = json(record);

        assertThatThrownBy(() -> mapper.map(node, Position.line("orders.jsonl", 9)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("orders.jsonl:9 " + message);
    }

    @Test
    void validRecordMapsEveryRule() throws Exception {
        JsonSchemaRecordMapper mapper = mapper(RICH);
        Struct order = (Struct) mapper.map(json("{\"id\":\"A-1\",\"qty\":2,\"ratio\":0.25,\"status\":\"PAID\","
                + "\"kind\":\"order\",\"note\":null,\"coupon\":5,\"at\":\"2024-05-01T14:30:00.123+02:00\","
                + "\"day\":\"2024-05-01\",\"clock\":\"14:30:00+02:00\",\"flags\":{\"b\":true,\"a\":false},"
                + "\"tags\":[\"x\"],\"lines\":[{\"sku\":\"ABC-1\",\"price\":9.5},{\"sku\":\"XYZ-22\"}],"
                + "\"ship\":{\"sku\":\"SHP-1\"},\"big\":9223372036854775807}"), Position.line("o.jsonl", 1));

        order.validate();
        assertThat(order.schema().name()).isEqualTo("Order");
        assertThat(order.getString("id")).isEqualTo("A-1");
        assertThat(order.getInt64("qty")).isEqualTo(2L);
        assertThat(order.getFloat64("ratio")).isEqualTo(0.25);
        assertThat(order.getString("status")).isEqualTo("PAID");
        assertThat(order.getString("kind")).isEqualTo("order");
        assertThat(order.getString("note")).isNull();
        assertThat(order.getInt64("coupon")).isEqualTo(5L);
        assertThat(order.get("at")).isEqualTo(new Date(1714566600123L));
        assertThat(order.get("day")).isEqualTo(new Date(1714521600000L));
        assertThat(order.get("clock")).isEqualTo(new Date((12 * 3600 + 30 * 60) * 1000L));
        Map<String, Boolean> flags = new LinkedHashMap<>();
        flags.put("b", true);
        flags.put("a", false);
        assertThat(order.getMap("flags")).containsExactlyEntriesOf(flags);
        assertThat(order.getArray("tags")).containsExactly("x");
        List<Struct> lines = order.getArray("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getFloat64("price")).isEqualTo(9.5);
        assertThat(lines.get(1).getString("sku")).isEqualTo("XYZ-22");
        assertThat(lines.get(1).getFloat64("price")).isNull();
        assertThat(order.getStruct("ship").getString("sku")).isEqualTo("SHP-1");
        assertThat(order.getInt64("big")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void absentOptionalFieldsAreNullAndDefaultsApply() throws Exception {
        JsonSchemaRecordMapper mapper = mapper("{\"type\":\"object\",\"properties\":{"
                + "\"n\":{\"type\":\"integer\",\"default\":7},\"s\":{\"type\":\"string\"}}}");

        Struct value = (Struct) mapper.map(json("{}"), Position.line("d.jsonl", 1));

        assertThat(value.get("n")).isEqualTo(7L);
        assertThat(value.get("s")).isNull();
    }

    @Test
    void unknownMembersAreDroppedWhenTheSchemaAllowsThem() throws Exception {
        JsonSchemaRecordMapper mapper = mapper(resource("/schemas/user.schema.json"));

        Struct user = (Struct) mapper.map(json("{\"name\":\"a\",\"favorite_number\":1.5,"
                + "\"favorite_color\":\"b\",\"shoe_size\":44}"), Position.line("u.jsonl", 1));

        assertThat(user.schema().fields()).hasSize(3);
        assertThat(user.getFloat64("favorite_number")).isEqualTo(1.5);
    }

    @Test
    void integralDecimalFitsAnIntegerField() throws Exception {
        JsonSchemaRecordMapper mapper = mapper("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}");

        Struct value = (Struct) mapper.map(json("{\"n\":3.0}"), Position.line("i.jsonl", 1));

        assertThat(value.getInt64("n")).isEqualTo(3L);
    }

    @Test
    void draft202012FormatsAreAnnotationsButMappedDatesMustStillParse() throws Exception {
        JsonSchemaRecordMapper mapper = mapper("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                + "\"type\":\"object\",\"properties\":{\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
                + "\"mail\":{\"type\":\"string\",\"format\":\"email\"}}}");

        Struct value = (Struct) mapper.map(json("{\"mail\":\"not an email\"}"), Position.line("f.jsonl", 1));
        assertThat(value.getString("mail")).isEqualTo("not an email");
        assertThatThrownBy(() -> mapper.map(json("{\"at\":\"2024-05-01 noon\"}"), Position.line("f.jsonl", 2)))
                .hasMessage("f.jsonl:2 /at: expected date-time string (RFC 3339), got \"2024-05-01 noon\"");
    }

    @Test
    void rootMapAndRootArraySchemas() throws Exception {
        Object map = mapper("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"number\"}}")
                .map(json("{\"a\":1,\"b\":2.5}"), Position.line("m.jsonl", 1));
        assertThat(map).isEqualTo(Map.of("a", 1.0, "b", 2.5));

        Object list = mapper("{\"type\":\"array\",\"items\":{\"type\":[\"integer\",\"null\"]}}")
                .map(json("[1,null,3]"), Position.line("a.jsonl", 1));
        assertThat(list).isEqualTo(java.util.Arrays.asList(1L, null, 3L));
    }
}
