package io.github.schemafirst.connect.schema.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.DeclaredSchemaLoader;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import io.github.schemafirst.connect.schema.SchemaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class JsonSchemaTranslatorTest {

    static String resource(String path) throws IOException {
        try (InputStream in = JsonSchemaTranslatorTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Schema connect(String document) {
        return JsonSchemaTranslator.translate(document).connectSchema();
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.fields().stream().map(Field::name).collect(Collectors.toList());
    }

    private static void assertRejected(String document, String message) {
        assertThatThrownBy(() -> JsonSchemaTranslator.translate(document))
                .isInstanceOf(SchemaDeclarationException.class)
                .hasMessage(message);
    }

    @Test
    void userSchemaExactlyAsProducersDeclareIt() throws IOException {
        String document = resource("/schemas/user.schema.json");
        DeclaredSchema declared = JsonSchemaTranslator.translate(document);

        Schema schema = declared.connectSchema();
        assertThat(declared.type()).isEqualTo(SchemaType.JSON_SCHEMA);
        assertThat(declared.document()).isEqualTo(document);
        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.name()).isEqualTo("User");
        assertThat(schema.doc()).isEqualTo("A Confluent Kafka Python User");
        assertThat(schema.isOptional()).isFalse();
        assertThat(fieldNames(schema)).containsExactly("name", "favorite_number", "favorite_color");
        assertThat(schema.field("name").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("name").schema().doc()).isEqualTo("User's name");
        assertThat(schema.field("name").schema().isOptional()).isFalse();
        assertThat(schema.field("favorite_number").schema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(schema.field("favorite_number").schema().isOptional()).isFalse();
        assertThat(schema.field("favorite_color").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(declared.jsonSchemaDocument().get("title").asText()).isEqualTo("User");
        assertThat(declared.jsonSchemaValidator().validate(declared.jsonSchemaDocument().get("properties")))
                .isNotEmpty();
    }

    @Test
    void fieldsKeepDeclaredOrderAndOnlyRequiredFieldsAreMandatory() {
        Schema schema = connect("{\"type\":\"object\",\"properties\":{\"zeta\":{\"type\":\"string\"},"
                + "\"alpha\":{\"type\":\"integer\"},\"mid\":{\"type\":\"boolean\"}},\"required\":[\"alpha\"]}");

        assertThat(fieldNames(schema)).containsExactly("zeta", "alpha", "mid");
        assertThat(schema.field("zeta").schema().isOptional()).isTrue();
        assertThat(schema.field("alpha").schema().isOptional()).isFalse();
        assertThat(schema.field("alpha").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(schema.field("mid").schema().type()).isEqualTo(Schema.Type.BOOLEAN);
        assertThat(schema.name()).isNull();
    }

    @Test
    void nullableFormsAreOptionalEvenWhenRequired() {
        Schema schema = connect("{\"type\":\"object\",\"required\":[\"a\",\"b\",\"c\",\"d\"],\"properties\":{"
                + "\"a\":{\"type\":[\"string\",\"null\"]},"
                + "\"b\":{\"type\":[\"null\",\"integer\"]},"
                + "\"c\":{\"oneOf\":[{\"type\":\"number\"},{\"type\":\"null\"}]},"
                + "\"d\":{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"boolean\"}]}}}");

        assertThat(schema.field("a").schema()).satisfies(s -> {
            assertThat(s.type()).isEqualTo(Schema.Type.STRING);
            assertThat(s.isOptional()).isTrue();
        });
        assertThat(schema.field("b").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(schema.field("b").schema().isOptional()).isTrue();
        assertThat(schema.field("c").schema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(schema.field("c").schema().isOptional()).isTrue();
        assertThat(schema.field("d").schema().type()).isEqualTo(Schema.Type.BOOLEAN);
        assertThat(schema.field("d").schema().isOptional()).isTrue();
    }

    @Test
    void stringEnumCarriesConfluentEnumParameters() {
        Schema schema = connect("{\"type\":\"object\",\"properties\":{\"color\":{\"type\":\"string\","
                + "\"enum\":[\"RED\",\"BLUE\"]},\"size\":{\"enum\":[\"S\",\"M\",null]}}}");

        Schema color = schema.field("color").schema();
        assertThat(color.type()).isEqualTo(Schema.Type.STRING);
        assertThat(color.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "io.confluent.connect.json.Enum", "",
                "io.confluent.connect.json.Enum.RED", "RED",
                "io.confluent.connect.json.Enum.BLUE", "BLUE"));
        // type inferred from the enum's values; null among them is a value, not a symbol
        assertThat(schema.field("size").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("size").schema().parameters()).containsKeys("io.confluent.connect.json.Enum.S")
                .hasSize(3);
    }

    @Test
    void dateTimeFormatsBecomeConnectLogicalTypes() {
        Schema schema = connect("{\"type\":\"object\",\"properties\":{"
                + "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
                + "\"day\":{\"type\":\"string\",\"format\":\"date\"},"
                + "\"clock\":{\"type\":\"string\",\"format\":\"time\"},"
                + "\"mail\":{\"type\":\"string\",\"format\":\"email\"}}}");

        assertThat(schema.field("at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(schema.field("at").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(schema.field("day").schema().name()).isEqualTo(Date.LOGICAL_NAME);
        assertThat(schema.field("clock").schema().name()).isEqualTo(Time.LOGICAL_NAME);
        assertThat(schema.field("mail").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("mail").schema().name()).isNull();
    }

    @Test
    void additionalPropertiesWithoutPropertiesIsAMap() {
        Schema schema = connect("{\"type\":\"object\",\"properties\":{\"counts\":{\"type\":\"object\","
                + "\"additionalProperties\":{\"type\":\"integer\"}},\"labels\":{\"additionalProperties\":"
                + "{\"type\":[\"string\",\"null\"]}}}}");

        Schema counts = schema.field("counts").schema();
        assertThat(counts.type()).isEqualTo(Schema.Type.MAP);
        assertThat(counts.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(counts.valueSchema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(counts.valueSchema().isOptional()).isFalse();
        assertThat(schema.field("labels").schema().valueSchema().isOptional()).isTrue();
    }

    @Test
    void nestedArraysOfObjectsWithTitles() {
        Schema schema = connect("{\"title\":\"Order\",\"type\":\"object\",\"required\":[\"lines\"],"
                + "\"properties\":{\"lines\":{\"type\":\"array\",\"items\":{\"title\":\"Line\",\"type\":\"object\","
                + "\"required\":[\"sku\"],\"properties\":{\"sku\":{\"type\":\"string\"},\"tags\":{\"type\":\"array\","
                + "\"items\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}}},"
                + "\"shipTo\":{\"type\":\"object\",\"description\":\"where\",\"properties\":{\"zip\":{\"type\":\"string\"}}}}}");

        assertThat(schema.name()).isEqualTo("Order");
        Schema lines = schema.field("lines").schema();
        assertThat(lines.type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(lines.isOptional()).isFalse();
        Schema line = lines.valueSchema();
        assertThat(line.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(line.name()).isEqualTo("Line");
        assertThat(line.field("sku").schema().isOptional()).isFalse();
        Schema tags = line.field("tags").schema();
        assertThat(tags.valueSchema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(tags.valueSchema().valueSchema().type()).isEqualTo(Schema.Type.STRING);
        Schema shipTo = schema.field("shipTo").schema();
        assertThat(shipTo.name()).isNull();
        assertThat(shipTo.doc()).isEqualTo("where");
        assertThat(shipTo.isOptional()).isTrue();
    }

    @Test
    void localRefsToDefinitionsAndDefsAreResolved() {
        Schema draft7 = connect("{\"type\":\"object\",\"definitions\":{\"Address\":{\"title\":\"Address\","
                + "\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}},\"properties\":{"
                + "\"home\":{\"$ref\":\"#/definitions/Address\"},\"work\":{\"description\":\"office\","
                + "\"$ref\":\"#/definitions/Address\"}},\"required\":[\"home\"]}");
        assertThat(draft7.field("home").schema().name()).isEqualTo("Address");
        assertThat(draft7.field("home").schema().isOptional()).isFalse();
        assertThat(draft7.field("home").schema().field("city").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(draft7.field("work").schema().doc()).isEqualTo("office");
        assertThat(draft7.field("work").schema().isOptional()).isTrue();

        Schema draft2020 = connect("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                + "\"type\":\"object\",\"$defs\":{\"Money\":{\"type\":\"number\"}},\"properties\":{"
                + "\"price\":{\"$ref\":\"#/$defs/Money\"},"
                + "\"discount\":{\"oneOf\":[{\"type\":\"null\"},{\"$ref\":\"#/$defs/Money\"}]}}}");
        assertThat(draft2020.field("price").schema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(draft2020.field("discount").schema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(draft2020.field("discount").schema().isOptional()).isTrue();
    }

    @Test
    void draft201909And202012DocumentsAreAccepted() {
        for (String uri : new String[] {"https://json-schema.org/draft/2019-09/schema",
                "https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema"}) {
            DeclaredSchema declared = JsonSchemaTranslator.translate("{\"$schema\":\"" + uri + "\",\"type\":\"object\","
                    + "\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"n\"]}");
            assertThat(declared.connectSchema().field("n").schema().type()).isEqualTo(Schema.Type.INT64);
            assertThat(declared.jsonSchemaValidator().validate(
                    declared.jsonSchemaDocument().path("properties").path("n").path("minimum"))).isNotEmpty();
        }
    }

    @Test
    void defaultsBecomeConnectDefaults() {
        Schema schema = connect("{\"type\":\"object\",\"properties\":{"
                + "\"n\":{\"type\":\"integer\",\"default\":7},"
                + "\"s\":{\"type\":\"string\",\"default\":\"x\"},"
                + "\"f\":{\"type\":\"number\",\"default\":1.5},"
                + "\"b\":{\"type\":\"boolean\",\"default\":true},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"default\":[\"a\"]},"
                + "\"nick\":{\"type\":[\"string\",\"null\"],\"default\":null}}}");

        assertThat(schema.field("n").schema().defaultValue()).isEqualTo(7L);
        assertThat(schema.field("s").schema().defaultValue()).isEqualTo("x");
        assertThat(schema.field("f").schema().defaultValue()).isEqualTo(1.5);
        assertThat(schema.field("b").schema().defaultValue()).isEqualTo(true);
        assertThat(schema.field("tags").schema().defaultValue()).isEqualTo(List.of("a"));
        assertThat(schema.field("nick").schema().defaultValue()).isNull();
    }

    @Test
    void validationOnlyKeywordsHaveNoConnectEffect() {
        Schema plain = connect("{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\"},"
                + "\"n\":{\"type\":\"number\"}}}");
        Schema constrained = connect("{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
                + "\"s\":{\"type\":\"string\",\"pattern\":\"^a\",\"minLength\":1,\"const\":\"ab\"},"
                + "\"n\":{\"type\":\"number\",\"minimum\":0,\"maximum\":9,\"multipleOf\":0.5,"
                + "\"not\":{\"const\":3}}}}");

        assertThat(constrained).isEqualTo(plain);
    }

    @Test
    void typeIsInferredFromStructure() {
        Schema schema = connect("{\"properties\":{\"list\":{\"items\":{\"type\":\"integer\"}},"
                + "\"k\":{\"const\":5}}}");

        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.field("list").schema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(schema.field("k").schema().type()).isEqualTo(Schema.Type.INT64);
    }

    @Test
    void singleAllOfWrapsItsSchema() {
        Schema schema = connect("{\"type\":\"object\",\"$defs\":{\"Id\":{\"type\":\"string\"}},"
                + "\"properties\":{\"id\":{\"allOf\":[{\"$ref\":\"#/$defs/Id\"}],\"description\":\"the id\"}}}");

        assertThat(schema.field("id").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.field("id").schema().doc()).isEqualTo("the id");
    }

    @Test
    void propertyNamesWithSlashesAreEscapedInPointers() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"a/b~c\":{\"type\":\"object\"}}}",
                "/properties/a~1b~0c: an object needs \"properties\" (a struct) or an \"additionalProperties\" "
                        + "schema (a map) to have a Connect type");
    }

    @Test
    void missingTypeIsRejectedWithItsPointer() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\",\"items\":"
                        + "{\"description\":\"a tag\"}}}}",
                "/properties/tags/items: no \"type\" and none can be inferred; declare \"type\"");
    }

    @Test
    void mixedTypeArrayIsRejected() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":[\"string\",\"integer\"]}}}",
                "/properties/id/type: a value of several types [\"string\",\"integer\"] has no single Connect "
                        + "type; only [\"T\", \"null\"] is supported");
    }

    @Test
    void oneOfOfNonNullAlternativesIsRejected() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"id\":{\"oneOf\":[{\"type\":\"string\"},"
                        + "{\"type\":\"integer\"}]}}}",
                "/properties/id/oneOf: oneOf of alternatives other than [T, {\"type\": \"null\"}] has no single "
                        + "Connect type");
    }

    @Test
    void remoteRefIsRejectedWithoutFetching() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":"
                        + "\"https://example.com/address.schema.json\"}}}",
                "/properties/a/$ref: remote references are not supported (the connector never fetches schemas); "
                        + "copy the referenced schema under \"$defs\", got \"https://example.com/address.schema.json\"");
    }

    @Test
    void recursiveRefIsRejected() {
        assertRejected("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$ref\":\"#/$defs/Node\","
                        + "\"$defs\":{\"Node\":{\"type\":\"object\",\"properties\":{\"children\":{\"type\":\"array\","
                        + "\"items\":{\"$ref\":\"#/$defs/Node\"}}}}}}",
                "/$defs/Node/properties/children/items: recursive $ref \"#/$defs/Node\": a type that contains "
                        + "itself has no Connect schema");
    }

    @Test
    void refToTheRootIsRecursion() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"parent\":{\"$ref\":\"#\"}}}",
                "/properties/parent: recursive $ref \"#\": a type that contains itself has no Connect schema");
    }

    @Test
    void danglingRefIsRejected() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/Nope\"}}}",
                "/properties/a/$ref: $ref target \"#/$defs/Nope\" not found in this document");
    }

    @Test
    void arrayWithoutItemsOrWithTupleItemsIsRejected() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"xs\":{\"type\":\"array\"}}}",
                "/properties/xs: an array needs an \"items\" schema to have a Connect type");
        assertRejected("{\"type\":\"object\",\"properties\":{\"xs\":{\"type\":\"array\",\"items\":"
                        + "[{\"type\":\"string\"}]}}}",
                "/properties/xs/items: tuples have no Connect type; use one \"items\" schema for every element");
    }

    @Test
    void defaultOfTheWrongTypeIsRejected() {
        assertRejected("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"default\":\"seven\"}}}",
                "/properties/n/default: expected a default of type int64, got \"seven\"");
    }

    @Test
    void unsupportedMetaSchemaAndBadJsonAreRejected() {
        assertRejected("{\"$schema\":\"https://example.com/my-dialect\",\"type\":\"object\",\"properties\":{}}",
                "/$schema: unsupported $schema \"https://example.com/my-dialect\"; use draft-07 "
                        + "(http://json-schema.org/draft-07/schema#), 2019-09 or 2020-12 (or draft-04/06)");
        assertThatThrownBy(() -> JsonSchemaTranslator.translate("{\"type\":"))
                .isInstanceOf(SchemaDeclarationException.class)
                .hasMessageStartingWith("/: not valid JSON");
        assertRejected("true", "/: expected a JSON Schema object, got true");
    }

    @Test
    void invalidRegexIsRejectedAtTranslationNotOnARecord() {
        assertThatThrownBy(() -> JsonSchemaTranslator.translate(
                "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":\"([a-z\"}}}"))
                .isInstanceOf(SchemaDeclarationException.class)
                .hasMessageStartingWith("/: the JSON Schema validator rejects this document");
    }

    @Test
    void loaderDetectsUserSchemaAsJsonSchema() throws IOException {
        assertThat(DeclaredSchemaLoader.detect(resource("/schemas/user.schema.json")))
                .isEqualTo(SchemaType.JSON_SCHEMA);
    }
}
