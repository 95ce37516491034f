package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.registry.RegistryConnection;
import io.github.schemafirst.connect.registry.RegistryStub;
import io.github.schemafirst.connect.registry.SchemaRegistryClient;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.SchemaDeclarationException;
import io.github.schemafirst.connect.schema.SchemaType;
import io.github.schemafirst.connect.schema.TemporalMapping;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A declared schema taken from a registry subject, against a loopback registry answering what a registry would. */
class DeclaredSchemaSourceTest {
    private static final String AVRO = "{\"type\":\"record\",\"name\":\"User\",\"fields\":["
            + "{\"name\":\"name\",\"type\":\"string\"}]}";

    private final RegistryStub registry = new RegistryStub();

    @AfterEach
    void close() {
        registry.close();
    }

    private SchemaRegistryClient client() {
        return new SchemaRegistryClient(RegistryConnection.of(registry.url()), Duration.ofSeconds(5));
    }

    private static String version(String schemaType, String schema, String references) {
        return "{\"subject\":\"users-value\",\"version\":3,\"id\":42,"
                + (schemaType == null ? "" : "\"schemaType\":\"" + schemaType + "\",")
                + "\"schema\":" + quoted(schema) + (references == null ? "" : ",\"references\":" + references) + "}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Optional<DeclaredSchema> load(SchemaType type) {
        DeclaredSchemaSource source = DeclaredSchemaSource.from(Map.of("value.schema.subject", "users-value",
                "value.schema.version", "3"));
        return source.load(type, TemporalMapping.LOGICAL, this::client);
    }

    @Test
    void theRegisteredDocumentIsMappedAsIfDeclaredInline() {
        registry.answering(200, version(null, AVRO, "[]"));

        DeclaredSchema declared = load(null).orElseThrow();

        assertThat(declared.type()).isEqualTo(SchemaType.AVRO);
        assertThat(declared.document()).isEqualTo(AVRO);
        assertThat(declared.connectSchema().field("name").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(registry.lastRequest().rawPath).endsWith("/subjects/users-value/versions/3");
    }

    @Test
    void aJsonSchemaIsTakenAsJsonSchemaWhateverItLooksLike() {
        registry.answering(200, version("JSON", "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"string\"}}}",
                null));

        assertThat(load(null).orElseThrow().type()).isEqualTo(SchemaType.JSON_SCHEMA);
    }

    @Test
    void referencesToOtherSubjectsAreRefusedWithWhatToDo() {
        registry.answering(200, version(null, AVRO,
                "[{\"name\":\"com.example.Address\",\"subject\":\"address\",\"version\":1}]"));

        assertThatThrownBy(() -> load(null)).isInstanceOf(SchemaDeclarationException.class)
                .hasMessageContaining("subject 'users-value' version 3").hasMessageContaining("references")
                .hasMessageContaining("inlined");
    }

    @Test
    void aProtobufSchemaIsRefused() {
        registry.answering(200, version("PROTOBUF", "syntax = \"proto3\"; message User { string name = 1; }", null));

        assertThatThrownBy(() -> load(null)).isInstanceOf(SchemaDeclarationException.class)
                .hasMessageContaining("PROTOBUF");
    }

    @Test
    void aTypeThatContradictsTheRegistryIsRefused() {
        registry.answering(200, version(null, AVRO, null));

        assertThatThrownBy(() -> load(SchemaType.JSON_SCHEMA)).isInstanceOf(SchemaDeclarationException.class)
                .hasMessageContaining("is avro").hasMessageContaining("value.schema.type");
    }

    @Test
    void aMissingVersionNamesSubjectAndVersion() {
        registry.answering(404, "{\"error_code\":40402,\"message\":\"Version 3 not found.\"}");

        assertThatThrownBy(() -> load(null)).isInstanceOf(SchemaDeclarationException.class)
                .hasMessageContaining("no version 3 under subject 'users-value'");
    }

    @Test
    void anUnusableDocumentNamesWhereItCameFrom() {
        registry.answering(200, version(null, "{\"type\":\"record\",\"name\":\"User\",\"fields\":["
                + "{\"name\":\"name\",\"type\":\"strin\"}]}", null));

        assertThatThrownBy(() -> load(null)).isInstanceOf(SchemaDeclarationException.class)
                .hasMessageContaining("(in subject 'users-value' version 3)");
    }
}
