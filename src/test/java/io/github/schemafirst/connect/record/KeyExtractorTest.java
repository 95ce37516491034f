package io.github.schemafirst.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class KeyExtractorTest {
    private static final Schema ADDRESS = SchemaBuilder.struct().name("Address")
            .field("city", Schema.STRING_SCHEMA).build();
    private static final Schema USER = SchemaBuilder.struct().name("User")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("region", SchemaBuilder.string().optional().defaultValue("eu").build())
            .field("address", ADDRESS)
            .build();

    private static Struct user(long id, String name, String region) {
        return new Struct(USER).put("id", id).put("name", name).put("region", region)
                .put("address", new Struct(ADDRESS).put("city", "Lyon"));
    }

    @Test
    void noFieldsGiveNoKey() {
        KeyExtractor keys = KeyExtractor.forFields(List.of(), USER);
        assertThat(keys.keySchema()).isNull();
        assertThat(keys.key(user(1, "ada", null))).isNull();
    }

    @Test
    void oneFieldGivesItsValueWithItsSchema() {
        KeyExtractor keys = KeyExtractor.forFields(List.of("name"), USER);
        assertThat(keys.keySchema()).isSameAs(USER.field("name").schema());
        assertThat(keys.key(user(1, "ada", null))).isEqualTo("ada");
    }

    @Test
    void aMissingOptionalFieldGivesItsDefaultAsTheStructDoes() {
        KeyExtractor keys = KeyExtractor.forFields(List.of("region"), USER);
        assertThat(keys.key(user(1, "ada", null))).isEqualTo("eu");
        assertThat(keys.key(user(1, "ada", "us"))).isEqualTo("us");
    }

    @Test
    void severalFieldsGiveAStructInTheOrderGiven() {
        KeyExtractor keys = KeyExtractor.forFields(List.of("name", "id", "address", "region"), USER);
        Schema schema = keys.keySchema();
        assertThat(schema.name()).isEqualTo("UserKey");
        assertThat(schema.fields()).extracting(Field::name).containsExactly("name", "id", "address", "region");
        assertThat(schema.field("address").schema()).isSameAs(ADDRESS);

        Struct key = (Struct) keys.key(user(7, "grace", null));
        key.validate();
        assertThat(key.schema()).isSameAs(schema);
        assertThat(key.get("name")).isEqualTo("grace");
        assertThat(key.get("id")).isEqualTo(7L);
        assertThat(key.getStruct("address").getString("city")).isEqualTo("Lyon");
        assertThat(key.get("region")).isEqualTo("eu");
        // a fresh Struct per record: keys handed to the worker are never shared
        assertThat(keys.key(user(7, "grace", null))).isEqualTo(key).isNotSameAs(key);
    }

    @Test
    void aFieldThatIsNotInTheValueSchemaIsRefusedUpFront() {
        assertThatThrownBy(() -> KeyExtractor.forFields(List.of("id", "email"), USER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'email' is not a field of the value schema; fields are id, name, region, "
                        + "address");
        assertThatThrownBy(() -> KeyExtractor.forFields(List.of("id"), Schema.STRING_SCHEMA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STRING");
    }
}
