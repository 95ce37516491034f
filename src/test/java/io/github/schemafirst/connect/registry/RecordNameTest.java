package io.github.schemafirst.connect.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record name as Confluent's {@code AvroSchema.name()} and {@code JsonSchema.name()} give it
 * (confluentinc/schema-registry): a record root's full name; a JSON Schema's title; otherwise none.
 */
class RecordNameTest {

    private static String name(SchemaDocument document) {
        return SubjectNameStrategy.recordName(document);
    }

    @Test
    void avroRecordGivesItsFullName() {
        assertThat(name(SchemaDocument.avro("{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.acme\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}"))).isEqualTo("com.acme.User");
        assertThat(name(SchemaDocument.avro("{\"type\":\"record\",\"name\":\"User\",\"fields\":[]}")))
                .isEqualTo("User");
    }

    @Test
    void aDottedNameIsAlreadyFullAndOverridesTheNamespace() {
        assertThat(name(SchemaDocument.avro("{\"type\":\"record\",\"name\":\"org.example.User\","
                + "\"namespace\":\"com.acme\",\"fields\":[]}"))).isEqualTo("org.example.User");
    }

    @Test
    void anyOtherAvroRootHasNoRecordNameAsInConfluentsAvroSchema() {
        assertThat(name(SchemaDocument.avro("{\"type\":\"enum\",\"name\":\"Color\",\"namespace\":\"com.acme\","
                + "\"symbols\":[\"RED\"]}"))).isNull();
        assertThat(name(SchemaDocument.avro("{\"type\":\"fixed\",\"name\":\"Md5\",\"size\":16}"))).isNull();
        assertThat(name(SchemaDocument.avro("\"string\""))).isNull();
        assertThat(name(SchemaDocument.avro("[\"null\",\"string\"]"))).isNull();
    }

    @Test
    void anInvalidAvroDocumentIsRefusedWithTheParsersReason() {
        assertThatThrownBy(() -> name(SchemaDocument.avro("{\"type\":\"record\",\"fields\":[]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the Avro schema's record name:");
    }

    @Test
    void anAvroDocumentWithUnresolvedReferencesSaysWhy() {
        SchemaDocument withReference = new SchemaDocument("{\"type\":\"record\",\"name\":\"Order\","
                + "\"fields\":[{\"name\":\"user\",\"type\":\"com.acme.User\"}]}", "AVRO",
                List.of(new SchemaReference("com.acme.User", "user-value", 1)));
        assertThatThrownBy(() -> name(withReference)).hasMessageContaining("without the referenced schemas");
    }

    @Test
    void jsonSchemaGivesItsTitle() {
        assertThat(name(SchemaDocument.json("{\"title\":\"User\",\"type\":\"object\"}"))).isEqualTo("User");
    }

    @Test
    void jsonSchemaWithoutTitleHasNoRecordNameConfluentGivesNoDefault() {
        assertThat(name(SchemaDocument.json("{\"type\":\"object\",\"$id\":\"https://acme.com/user.json\"}")))
                .isNull();
        assertThat(name(SchemaDocument.json("true"))).isNull();
    }

    @Test
    void jsonSchemaThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> name(SchemaDocument.json("{\"title\":")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the JSON Schema's title: not JSON");
    }

    @Test
    void protobufIsNotSupported() {
        assertThatThrownBy(() -> name(new SchemaDocument("syntax = \"proto3\";", "protobuf", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PROTOBUF");
    }
}
