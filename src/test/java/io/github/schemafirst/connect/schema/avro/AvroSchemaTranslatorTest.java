package io.github.schemafirst.connect.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import io.github.schemafirst.connect.schema.SchemaType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class AvroSchemaTranslatorTest {

    static String resource(String name) {
        try (InputStream in = AvroSchemaTranslatorTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Avro documents in tests are written with single quotes for readability. */
    static Schema connect(String avsc) {
        return AvroSchemaTranslator.translate(avsc.replace('\'', '"')).connectSchema();
    }

    static Schema field(String fieldType) {
        return connect("{'type':'record','name':'R','fields':[{'name':'f','type':" + fieldType + "}]}")
                .field("f").schema();
    }

    static Schema fieldWithDefault(String fieldType, String defaultJson) {
        return connect("{'type':'record','name':'R','fields':[{'name':'f','type':" + fieldType + ",'default':"
                + defaultJson + "}]}").field("f").schema();
    }

    static void assertRejected(String avsc, String pointer, String reasonPart) {
        assertThatThrownBy(() -> AvroSchemaTranslator.translate(avsc.replace('\'', '"')))
                .isInstanceOfSatisfying(SchemaDeclarationException.class, e -> {
                    assertThat(e.pointer()).isEqualTo(pointer);
                    assertThat(e.getMessage()).startsWith(pointer + ": ").contains(reasonPart);
                });
    }

    @Test
    void sharedUserSchemaAsDeclared() {
        String document = resource("/schemas/user.avsc");
        DeclaredSchema declared = AvroSchemaTranslator.translate(document);

        assertThat(declared.type()).isEqualTo(SchemaType.AVRO);
        assertThat(declared.document()).isEqualTo(document);
        assertThat(declared.avroSchema().getFullName()).isEqualTo("User");
        Schema schema = declared.connectSchema();
        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.name()).isEqualTo("User");
        assertThat(schema.isOptional()).isFalse();
        assertThat(schema.parameters()).isNull();
        assertThat(schema.fields()).extracting(f -> f.name())
                .containsExactly("name", "favorite_number", "favorite_color");
        assertThat(schema.field("name").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("favorite_number").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(schema.field("favorite_color").schema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void richSchemaMatchesWhatConfluentsAvroDataBuilds() {
        Schema schema = connect(resource("/schemas/rich-user.avsc"));

        assertThat(schema.name()).isEqualTo("com.example.User");
        assertThat(schema.parameters()).containsEntry("io.confluent.connect.avro.record.doc", "A user")
                .containsEntry("io.confluent.connect.avro.field.doc.name", "the name");
        Schema color = schema.field("color").schema();
        assertThat(color.type()).isEqualTo(Schema.Type.STRING);
        assertThat(color.name()).isEqualTo("com.example.Color");
        assertThat(color.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "io.confluent.connect.avro.Enum", "com.example.Color",
                "io.confluent.connect.avro.Enum.RED", "RED",
                "io.confluent.connect.avro.Enum.BLUE", "BLUE"));
        Schema nick = schema.field("nick").schema();
        assertThat(nick.type()).isEqualTo(Schema.Type.STRING);
        assertThat(nick.isOptional()).isTrue();
        assertThat(nick.defaultValue()).isNull();
        Schema favorite = schema.field("favorite_number").schema();
        assertThat(favorite.type()).isEqualTo(Schema.Type.INT64);
        assertThat(favorite.defaultValue()).isEqualTo(7L);
        assertThat(schema.field("address").schema().name()).isEqualTo("com.example.Addr");
        assertThat(schema.field("tags").schema().valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("attrs").schema().keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("ts").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        Schema amount = schema.field("amount").schema();
        assertThat(amount.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(amount.parameters()).containsEntry("scale", "2").containsEntry("connect.decimal.precision", "10");
        assertThat(schema.field("id").schema().type()).isEqualTo(Schema.Type.STRING);
    }

    @Test
    void nestedRecordsInheritTheEnclosingNamespace() {
        Schema schema = connect("{'type':'record','name':'Order','namespace':'shop','fields':["
                + "{'name':'customer','type':{'type':'record','name':'Customer','fields':["
                + "  {'name':'home','type':{'type':'record','name':'Place','namespace':'geo','fields':["
                + "    {'name':'city','type':'string'}]}}]}},"
                + "{'name':'shipTo','type':'geo.Place'}]}");

        assertThat(schema.name()).isEqualTo("shop.Order");
        Schema customer = schema.field("customer").schema();
        assertThat(customer.name()).isEqualTo("shop.Customer");
        assertThat(customer.field("home").schema().name()).isEqualTo("geo.Place");
        assertThat(schema.field("shipTo").schema()).isEqualTo(customer.field("home").schema());
    }

    @Test
    void primitivesMapToTheirConnectTypes() {
        assertThat(field("'boolean'")).isEqualTo(Schema.BOOLEAN_SCHEMA);
        assertThat(field("'int'")).isEqualTo(Schema.INT32_SCHEMA);
        assertThat(field("'long'")).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(field("'float'")).isEqualTo(Schema.FLOAT32_SCHEMA);
        assertThat(field("'double'")).isEqualTo(Schema.FLOAT64_SCHEMA);
        assertThat(field("'bytes'")).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat(field("{'type':'string'}")).isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void enumKeepsItsDocAndDefaultAsAvroDataParameters() {
        Schema suit = field("{'type':'enum','name':'Suit','namespace':'cards','doc':'a suit',"
                + "'symbols':['HEARTS','SPADES'],'default':'SPADES'}");

        assertThat(suit.name()).isEqualTo("cards.Suit");
        assertThat(suit.parameters()).containsEntry("io.confluent.connect.avro.enum.doc.Suit", "a suit")
                .containsEntry("io.confluent.connect.avro.enum.default.Suit", "SPADES")
                .containsEntry("io.confluent.connect.avro.Enum", "cards.Suit")
                .containsEntry("io.confluent.connect.avro.Enum.HEARTS", "HEARTS")
                .containsEntry("io.confluent.connect.avro.Enum.SPADES", "SPADES");
    }

    @Test
    void fixedIsNamedBytesWithItsSize() {
        Schema md5 = field("{'type':'fixed','name':'Md5','namespace':'h','size':16}");

        assertThat(md5.type()).isEqualTo(Schema.Type.BYTES);
        assertThat(md5.name()).isEqualTo("h.Md5");
        assertThat(md5.parameters()).containsExactly(Map.entry("connect.fixed.size", "16"));
    }

    @Test
    void arraysAndMapsOfRecords() {
        Schema items = field("{'type':'array','items':{'type':'record','name':'Item','fields':[{'name':'sku',"
                + "'type':'string'}]}}");
        Schema prices = field("{'type':'map','values':['null','double']}");

        assertThat(items.type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(items.valueSchema().name()).isEqualTo("Item");
        assertThat(prices.type()).isEqualTo(Schema.Type.MAP);
        assertThat(prices.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(prices.valueSchema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(prices.valueSchema().isOptional()).isTrue();
    }

    @Test
    void nullableUnionInEitherOrderIsOptional() {
        Schema nullFirst = fieldWithDefault("['null','int']", "null");
        Schema nullLast = fieldWithDefault("['int','null']", "5");

        assertThat(nullFirst.type()).isEqualTo(Schema.Type.INT32);
        assertThat(nullFirst.isOptional()).isTrue();
        assertThat(nullFirst.defaultValue()).isNull();
        assertThat(nullLast.type()).isEqualTo(Schema.Type.INT32);
        assertThat(nullLast.isOptional()).isTrue();
        assertThat(nullLast.defaultValue()).isEqualTo(5);
    }

    @Test
    void fieldDefaultsBecomeConnectDefaultsOfTheConnectType() {
        assertThat(fieldWithDefault("'int'", "3").defaultValue()).isEqualTo(3);
        assertThat(fieldWithDefault("'float'", "1").defaultValue()).isEqualTo(1.0f);
        assertThat(fieldWithDefault("'double'", "2.5").defaultValue()).isEqualTo(2.5d);
        assertThat(fieldWithDefault("'boolean'", "true").defaultValue()).isEqualTo(true);
        assertThat(fieldWithDefault("'string'", "'x'").defaultValue()).isEqualTo("x");
        assertThat((byte[]) fieldWithDefault("'bytes'", "'\\u00ff'").defaultValue()).containsExactly((byte) 0xff);
        assertThat(fieldWithDefault("{'type':'array','items':'int'}", "[1,2]").defaultValue())
                .isEqualTo(List.of(1, 2));
        assertThat(fieldWithDefault("{'type':'map','values':'long'}", "{'a':1}").defaultValue())
                .isEqualTo(Map.of("a", 1L));
        assertThat(fieldWithDefault("{'type':'enum','name':'E','symbols':['A','B']}", "'B'").defaultValue())
                .isEqualTo("B");
        assertThat(fieldWithDefault("{'type':'int','logicalType':'date'}", "1").defaultValue())
                .isEqualTo(new java.util.Date(86_400_000L));
        assertThat(fieldWithDefault("{'type':'bytes','logicalType':'decimal','precision':4,'scale':2}",
                "'\\u0001\\u0000'").defaultValue()).isEqualTo(new BigDecimal("2.56"));
        assertThat(fieldWithDefault("'long'", "1").parameters())
                .containsEntry("io.confluent.connect.avro.field.default", "true");
    }

    @Test
    void recordDefaultIsAStructOfTheFieldSchema() {
        Schema point = fieldWithDefault("{'type':'record','name':'P','fields':[{'name':'x','type':'int'},"
                + "{'name':'y','type':'int','default':9}]}", "{'x':1}");

        Struct value = (Struct) point.defaultValue();
        assertThat(value.getInt32("x")).isEqualTo(1);
        assertThat(value.getInt32("y")).isEqualTo(9);
    }

    @Test
    void fixedAndUnionDefaults() {
        assertThat((byte[]) fieldWithDefault("{'type':'fixed','name':'Two','size':2}", "'ab'").defaultValue())
                .containsExactly('a', 'b');
        Schema union = fieldWithDefault("['int','string']", "5");
        Struct value = (Struct) union.defaultValue();
        assertThat(value.get("int")).isEqualTo(5);
        assertThat(value.get("string")).isNull();
    }

    @Test
    void logicalTypesFollowAvroData() {
        assertThat(field("{'type':'int','logicalType':'date'}").name()).isEqualTo(Date.LOGICAL_NAME);
        assertThat(field("{'type':'int','logicalType':'time-millis'}").name()).isEqualTo(Time.LOGICAL_NAME);
        assertThat(field("{'type':'long','logicalType':'timestamp-millis'}").name())
                .isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(field("{'type':'long','logicalType':'timestamp-micros'}")).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(field("{'type':'long','logicalType':'time-micros'}")).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(field("{'type':'long','logicalType':'local-timestamp-millis'}")).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(field("{'type':'string','logicalType':'uuid'}")).isEqualTo(Schema.STRING_SCHEMA);
        // an invalid logical type other than decimal is ignored, as the Avro spec says
        assertThat(field("{'type':'long','logicalType':'date'}")).isEqualTo(Schema.INT64_SCHEMA);
    }

    @Test
    void decimalPrecisionParameterIsLeftOutAtAvroDatasDefault() {
        assertThat(field("{'type':'bytes','logicalType':'decimal','precision':64,'scale':3}").parameters())
                .containsExactly(Map.entry("scale", "3"));
        Schema onFixed = field("{'type':'fixed','name':'Money','size':8,'logicalType':'decimal','precision':18,"
                + "'scale':4}");
        assertThat(onFixed.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(onFixed.parameters()).containsEntry("scale", "4").containsEntry("connect.decimal.precision", "18")
                .containsEntry("connect.fixed.size", "8");
    }

    @Test
    void otherUnionsBecomeConfluentUnionStructs() {
        Schema union = field("['null','string',{'type':'record','name':'Box','namespace':'b','fields':[]},'long']");

        assertThat(union.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(union.name()).isEqualTo("io.confluent.connect.avro.Union");
        assertThat(union.isOptional()).isTrue();
        assertThat(union.fields()).extracting(f -> f.name()).containsExactly("string", "b.Box", "long");
        assertThat(union.fields()).allSatisfy(f -> assertThat(f.schema().isOptional()).isTrue());
        assertThat(field("['int','string']").isOptional()).isFalse();
    }

    @Test
    void topLevelNonRecordSchemas() {
        assertThat(connect("'string'")).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(connect("{'type':'array','items':'long'}").valueSchema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(connect("{'type':'enum','name':'Color','symbols':['RED']}").name()).isEqualTo("Color");
        Schema nullable = connect("['null','double']");
        assertThat(nullable.type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(nullable.isOptional()).isTrue();
    }

    @Test
    void notJsonIsAnAvroParseError() {
        assertRejected("{'type':'record'", "/", "not a valid Avro schema: ");
    }

    @Test
    void undefinedTypeNameIsLocated() {
        assertRejected("{'type':'record','name':'R','fields':[{'name':'a','type':'int'},{'name':'b','type':'Foo'}]}",
                "/fields/1/type", "Undefined schema: Foo");
    }

    @Test
    void undefinedNameInANamespaceIsLocatedByItsShortName() {
        assertRejected("{'type':'record','name':'R','namespace':'a.b','fields':[{'name':'x','type':'Missing'}]}",
                "/fields/0/type", "Missing");
    }

    @Test
    void invalidDefaultIsLocated() {
        assertRejected("{'type':'record','name':'R','fields':[{'name':'a','type':'int'},"
                + "{'name':'age','type':'int','default':'x'}]}", "/fields/1/default", "Invalid default for field age");
    }

    @Test
    void standaloneNullHasNoMapping() {
        assertRejected("{'type':'record','name':'R','fields':[{'name':'a','type':'int'},{'name':'n','type':'null'}]}",
                "/fields/1/type", "a standalone \"null\" type has no Connect mapping");
        assertRejected("'null'", "/", "standalone");
    }

    @Test
    void invalidDecimalIsRefused() {
        assertRejected("{'type':'record','name':'R','fields':[{'name':'d','type':{'type':'bytes',"
                + "'logicalType':'decimal','precision':2,'scale':4}}]}", "/fields/0/type", "invalid decimal: ");
    }

    @Test
    void recursiveRecordIsRefusedWhereItRefersToItself() {
        assertRejected("{'type':'record','name':'Node','fields':[{'name':'next','type':['null','Node']}]}",
                "/fields/0/type/1", "record Node contains itself");
    }

    @Test
    void nestedArrayItemsAndMapValuesAreLocated() {
        assertRejected("{'type':'record','name':'R','fields':[{'name':'m','type':{'type':'map','values':"
                + "{'type':'array','items':'null'}}}]}", "/fields/0/type/values/items", "standalone");
    }
}
