package io.github.schemafirst.connect.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.it.RegistryClient;
import io.github.schemafirst.connect.it.SchemaRegistryProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real registry: Apicurio Registry's Confluent-compatible API (the registry the other ITs
 * use). Asserts what Apicurio really answers where registries differ (compatibility messages, error codes).
 */
class SchemaRegistryClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Avro with what a registry must keep: doc strings, a logical type, aliases, a custom property. */
    private static final String RICH_AVRO = "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"com.acme\","
            + "\"doc\":\"A customer as the CRM knows it\",\"aliases\":[\"Client\"],\"x-owner\":\"crm-team\","
            + "\"fields\":["
            + "{\"name\":\"id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"CRM id\"},"
            + "{\"name\":\"name\",\"type\":\"string\",\"aliases\":[\"fullName\"]}]}";

    private static SchemaRegistryClient client;
    private static RegistryClient admin;

    @BeforeAll
    static void connect() {
        SchemaRegistryProcess registry = SchemaRegistryProcess.shared();
        client = new SchemaRegistryClient(RegistryConnection.of(URI.create(registry.ccompatUrl())),
                Duration.ofSeconds(30));
        admin = registry.client();
    }

    private static String subject(String name) {
        return "registry-client-it-" + name + "-" + System.nanoTime();
    }

    /** A fixture under {@code src/test/resources/schemas} (the shared sample schemas, unchanged). */
    private static String schemaFile(String file) throws IOException {
        try (InputStream in = SchemaRegistryClientIT.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IOException("no test resource schemas/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode tree(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void avroRegistersOnceAndReadsBackAsWritten() throws Exception {
        String subject = subject("avro");
        SchemaDocument document = SchemaDocument.avro(RICH_AVRO);
        int id = client.register(subject, document);
        assertThat(client.register(subject, document)).isEqualTo(id);

        RegisteredSchema latest = client.version(subject, "latest").orElseThrow();
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.subject()).isEqualTo(subject);
        assertThat(latest.document().schemaType()).isEqualTo("AVRO");
        assertThat(tree(latest.document().text())).isEqualTo(tree(RICH_AVRO));
        assertThat(tree(client.version(subject, "1").orElseThrow().document().text())).isEqualTo(tree(RICH_AVRO));
        assertThat(client.version(subject, "2")).isEmpty();

        RegisteredSchema found = client.lookup(subject, document).orElseThrow();
        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(1);
        assertThat(SubjectNameStrategy.recordName(latest.document())).isEqualTo("com.acme.Customer");
    }

    @Test
    void jsonSchemaRegistersOnceAndReadsBackAsWritten() throws Exception {
        String subject = subject("json");
        String text = schemaFile("user.schema.json");
        SchemaDocument document = SchemaDocument.json(text);
        int id = client.register(subject, document);
        assertThat(client.register(subject, document)).isEqualTo(id);

        RegisteredSchema latest = client.version(subject, "latest").orElseThrow();
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.document().schemaType()).isEqualTo("JSON");
        assertThat(tree(latest.document().text())).isEqualTo(tree(text));
        assertThat(client.lookup(subject, document).orElseThrow().id()).isEqualTo(id);
        assertThat(SubjectNameStrategy.recordName(latest.document())).isEqualTo("User");
    }

    @Test
    void lookupIsEmptyForAnUnknownSubjectAndForAnotherDocument() throws Exception {
        String subject = subject("lookup");
        assertThat(client.lookup(subject, SchemaDocument.avro(schemaFile("user.avsc")))).isEmpty(); // 40401
        client.register(subject, SchemaDocument.avro(schemaFile("user.avsc")));
        assertThat(client.lookup(subject, SchemaDocument.avro(RICH_AVRO))).isEmpty(); // Apicurio: 40403
        assertThat(client.lookup(subject, SchemaDocument.avro(schemaFile("user.avsc")))).isPresent();
    }

    @Test
    void compatibilityUnderBackward() throws Exception {
        String subject = subject("compat");
        // Apicurio answers 404 with error_code 40402 (no version 'latest'), which the client reads as compatible
        CompatibilityResult empty = client.checkCompatibility(subject, SchemaDocument.avro(RICH_AVRO));
        assertThat(empty.compatible()).isTrue();
        assertThat(empty.messages()).isEmpty();

        client.register(subject, SchemaDocument.avro(RICH_AVRO));
        admin.setCompatibility(subject, "BACKWARD");

        String withOptionalField = RICH_AVRO.replace("]}]}", "]},{\"name\":\"email\",\"type\":[\"null\",\"string\"],"
                + "\"default\":null}]}");
        CompatibilityResult compatible = client.checkCompatibility(subject, SchemaDocument.avro(withOptionalField));
        assertThat(compatible.compatible()).isTrue();
        assertThat(compatible.messages()).isEmpty();

        // a new field without a default cannot be read from old records: not backward compatible
        String withRequiredField = RICH_AVRO.replace("]}]}", "]},{\"name\":\"tier\",\"type\":\"int\"}]}");
        CompatibilityResult incompatible = client.checkCompatibility(subject, SchemaDocument.avro(withRequiredField));
        assertThat(incompatible.compatible()).isFalse();
        // Apicurio 2.6 gives no "messages" but one "reason" string, which the client reports as the one message
        assertThat(incompatible.messages()).singleElement().asString()
                .startsWith("Incompatible artifact: " + subject + " [AVRO]")
                .contains("tier at /fields/2");

        assertThatThrownBy(() -> client.register(subject, SchemaDocument.avro(withRequiredField)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("subject '" + subject + "'")
                .hasMessageContaining("tier at /fields/2")
                .hasMessageContaining("change the document compatibly")
                .satisfies(e -> {
                    RegistryException registry = (RegistryException) e;
                    assertThat(registry.status()).isEqualTo(409);
                    assertThat(registry.errorCode()).isEqualTo(409);
                    assertThat(registry.isTransient()).isFalse();
                });
        assertThat(client.version(subject, "latest").orElseThrow().version()).isEqualTo(1);
        assertThat(client.register(subject, SchemaDocument.avro(withOptionalField))).isPositive();
        assertThat(client.version(subject, "latest").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void anInvalidDocumentIs422With42201() {
        String subject = subject("invalid");
        assertThatThrownBy(() -> client.register(subject, SchemaDocument.avro("{\"type\":\"record\",\"name\":\"X\","
                + "\"fields\":[{\"name\":\"a\",\"type\":\"Nope\"}]}")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("subject '" + subject + "'")
                .hasMessageContaining("fix the document")
                .satisfies(e -> {
                    RegistryException registry = (RegistryException) e;
                    assertThat(registry.status()).isEqualTo(422);
                    assertThat(registry.errorCode()).isEqualTo(RegistryException.INVALID_SCHEMA);
                    // Apicurio says only "Failed to discover artifact type from content."
                    assertThat(registry.registryMessage()).isNotBlank();
                });
    }

    @Test
    void aSubjectWithSlashColonAndSpaceStaysOneSubject() throws Exception {
        String subject = subject("team/orders:v1 x");
        int id = client.register(subject, SchemaDocument.avro(schemaFile("user.avsc")));
        RegisteredSchema latest = client.version(subject, "latest").orElseThrow();
        assertThat(latest.subject()).isEqualTo(subject);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(client.lookup(subject, SchemaDocument.avro(schemaFile("user.avsc")))).isPresent();
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void subjectsListsWhatWasRegistered() throws Exception {
        String subject = subject("listed");
        assertThat(client.subjects()).doesNotContain(subject);
        client.register(subject, SchemaDocument.json(schemaFile("user.schema.json")));
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void versionIsEmptyForAnUnknownSubjectAndAnUnknownVersion() throws Exception {
        String subject = subject("versions");
        assertThat(client.version(subject, "latest")).isEmpty(); // Apicurio: 404, error_code 40401
        client.register(subject, SchemaDocument.avro(schemaFile("user.avsc")));
        assertThat(client.version(subject, "2")).isEmpty(); // Apicurio: 404, error_code 40402
    }
}
