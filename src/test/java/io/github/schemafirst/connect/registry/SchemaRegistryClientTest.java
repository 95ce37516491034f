package io.github.schemafirst.connect.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.net.TlsLoopback;
import io.github.schemafirst.connect.net.TrustStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client against a loopback HTTP server standing in for the registry: what a real registry cannot be made to
 * show (credentials on the wire, error statuses on demand, refused connections, redirects, TLS trust).
 */
class SchemaRegistryClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AVRO_TEXT = "{\"type\":\"record\",\"name\":\"User\",\"fields\":[]}";

    private final RegistryStub stub = new RegistryStub();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private SchemaRegistryClient client() {
        return new SchemaRegistryClient(RegistryConnection.of(stub.url()), TIMEOUT);
    }

    private SchemaRegistryClient client(String basicUserInfo, String bearerToken) {
        return new SchemaRegistryClient(RegistryConnection.of(List.of(stub.url()), basicUserInfo, bearerToken, null),
                TIMEOUT);
    }

    /** A loopback URL nothing listens on: connections are refused at once. */
    private static URI refusingUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void registerPostsTheDocumentUnderThePathEncodedSubject() throws Exception {
        stub.answering(200, "{\"id\":7}");
        int id = client().register("team/orders:v1 x%", SchemaDocument.json("{\"type\":\"object\"}"));
        assertThat(id).isEqualTo(7);
        RegistryStub.Recorded request = stub.lastRequest();
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.rawPath).isEqualTo("/subjects/team%2Forders%3Av1%20x%25/versions");
        assertThat(request.contentType).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.accept).startsWith("application/vnd.schemaregistry.v1+json")
                .contains("application/json");
        assertThat(JSON.readTree(request.body)).isEqualTo(JSON.readTree(
                "{\"schema\":\"{\\\"type\\\":\\\"object\\\"}\",\"schemaType\":\"JSON\"}"));
        assertThat(request.authorization).isNull();
    }

    @Test
    void avroLeavesTheTypeOutAndReferencesGoAlong() throws Exception {
        stub.answering(200, "{\"id\":8}");
        client().register("s", SchemaDocument.avro(AVRO_TEXT));
        assertThat(JSON.readTree(stub.lastRequest().body)).isEqualTo(JSON.createObjectNode().put("schema", AVRO_TEXT));
        client().register("s", new SchemaDocument(AVRO_TEXT, "AVRO",
                List.of(new SchemaReference("com.acme.Address", "address-value", 3))));
        assertThat(JSON.readTree(stub.lastRequest().body).get("references")).isEqualTo(JSON.readTree(
                "[{\"name\":\"com.acme.Address\",\"subject\":\"address-value\",\"version\":3}]"));
    }

    @Test
    void basicAuthArrivesExactly() {
        stub.answering(200, "[]");
        client("alice:s3cret:with-colon", null).subjects();
        assertThat(stub.lastRequest().authorization).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("alice:s3cret:with-colon".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bearerTokenArrivesExactly() {
        stub.answering(200, "[]");
        client(null, "eyJ.token.sig").subjects();
        assertThat(stub.lastRequest().authorization).isEqualTo("Bearer eyJ.token.sig");
    }

    @Test
    void aSecretNeverAppearsInTheExceptionEvenWhenTheRegistryEchoesIt() {
        // a registry or proxy that quotes the request's Authorization header in its error
        stub.answering((exchange, request) -> RegistryStub.send(exchange, 401,
                JSON.createObjectNode().put("error_code", 40101)
                        .put("message", "bad credentials in " + request.authorization).toString()));
        String encoded = Base64.getEncoder().encodeToString("alice:pw-1234".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> client("alice:pw-1234", null).register("s", SchemaDocument.avro(AVRO_TEXT)))
                .isInstanceOf(RegistryException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(encoded).doesNotContain("pw-1234")
                        .contains("bad credentials in Basic ****"))
                .satisfies(e -> assertThat(((RegistryException) e).registryMessage()).doesNotContain(encoded));
        assertThatThrownBy(() -> client(null, "tok-987").subjects())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-987")
                        .contains("bad credentials in Bearer ****"));
    }

    @ParameterizedTest
    @CsvSource({
            "401, 40101, Unauthorized, check the basic auth user info or bearer token",
            "403, 40301, User is denied operation Write on Subject, may not do this on subject 'orders-value'",
            "409, 409, Schema being registered is incompatible with an earlier schema, change the document compatibly",
            "422, 42201, Invalid schema: Undefined name: \"Adress\", fix the document",
            "500, 50001, Error in the backend datastore, can be retried later",
    })
    void errorAnswersBecomeMessagesNamingSubjectAndTheRegistrysWords(int status, int errorCode, String registryMessage,
                                                                      String advice) {
        stub.answering(status, JSON.createObjectNode().put("error_code", errorCode).put("message", registryMessage)
                .toString());
        assertThatThrownBy(() -> client().register("orders-value", SchemaDocument.avro(AVRO_TEXT)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("POST " + stub.url() + "/subjects/orders-value/versions")
                .hasMessageContaining("subject 'orders-value'")
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining(registryMessage)
                .hasMessageContaining(advice)
                .satisfies(e -> {
                    RegistryException registry = (RegistryException) e;
                    assertThat(registry.status()).isEqualTo(status);
                    assertThat(registry.errorCode()).isEqualTo(errorCode);
                    assertThat(registry.registryMessage()).isEqualTo(registryMessage);
                    assertThat(registry.subject()).isEqualTo("orders-value");
                    assertThat(registry.isAuthFailure()).isEqualTo(status == 401 || status == 403);
                    assertThat(registry.isTransient()).isEqualTo(status == 500);
                });
    }

    @Test
    void lookupIsEmptyWhenSubjectOrSchemaIsNotThereButAPlain404Fails() {
        stub.answering(404, "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}");
        assertThat(client().lookup("s", SchemaDocument.avro(AVRO_TEXT))).isEmpty();
        assertThat(stub.lastRequest().rawPath).isEqualTo("/subjects/s");
        stub.answering(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        assertThat(client().lookup("s", SchemaDocument.avro(AVRO_TEXT))).isEmpty();
        stub.answering(404, "<html>Not Found</html>");
        assertThatThrownBy(() -> client().lookup("s", SchemaDocument.avro(AVRO_TEXT)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("HTTP 404: <html>Not Found</html>")
                .hasMessageContaining("API root");
    }

    @Test
    void lookupAndVersionReadTheRegisteredSchema() {
        stub.answering(200, "{\"subject\":\"s\",\"version\":2,\"id\":5,\"schemaType\":\"JSON\","
                + "\"schema\":\"{\\\"type\\\":\\\"object\\\"}\"}");
        RegisteredSchema found = client().lookup("s", SchemaDocument.json("{\"type\":\"object\"}")).orElseThrow();
        assertThat(found.subject()).isEqualTo("s");
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.id()).isEqualTo(5);
        assertThat(found.document()).isEqualTo(SchemaDocument.json("{\"type\":\"object\"}"));

        stub.answering(200, "{\"subject\":\"s\",\"version\":1,\"id\":3,\"schema\":\"\\\"string\\\"\"}");
        RegisteredSchema latest = client().version("s", "latest").orElseThrow();
        assertThat(stub.lastRequest().method).isEqualTo("GET");
        assertThat(stub.lastRequest().rawPath).isEqualTo("/subjects/s/versions/latest");
        assertThat(latest.document()).isEqualTo(SchemaDocument.avro("\"string\""));
        client().version("s", "12");
        assertThat(stub.lastRequest().rawPath).isEqualTo("/subjects/s/versions/12");
    }

    @Test
    void versionIsEmptyForAnUnknownSubjectOrVersionAndRefusesABadVersion() {
        stub.answering(404, "{\"error_code\":40402,\"message\":\"Version 9 not found.\"}");
        assertThat(client().version("s", "9")).isEmpty();
        stub.answering(404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
        assertThat(client().version("s", "latest")).isEmpty();
        int before = stub.requests().size();
        assertThatThrownBy(() -> client().version("s", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().version("s", "../config")).isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.requests()).hasSize(before);
    }

    @Test
    void compatibilityAsksVerboselyAndReadsTheMessages() {
        stub.answering(200, "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE\","
                + "\"{oldSchemaVersion: 1}\"]}");
        CompatibilityResult result = client().checkCompatibility("s", SchemaDocument.avro(AVRO_TEXT));
        assertThat(result.compatible()).isFalse();
        assertThat(result.messages()).containsExactly("READER_FIELD_MISSING_DEFAULT_VALUE", "{oldSchemaVersion: 1}");
        assertThat(stub.lastRequest().rawPath).isEqualTo("/compatibility/subjects/s/versions/latest");
        assertThat(stub.lastRequest().rawQuery).isEqualTo("verbose=true");

        // Apicurio's ccompat API: one "reason" instead of "messages"
        stub.answering(200, "{\"is_compatible\":false,\"reason\":\"Incompatible artifact: s [AVRO], num of"
                + " incompatible diffs: {1}, list of diff types: [tier at /fields/2] Causes: tier at /fields/2\"}");
        assertThat(client().checkCompatibility("s", SchemaDocument.avro(AVRO_TEXT)).messages())
                .containsExactly("Incompatible artifact: s [AVRO], num of incompatible diffs: {1}, list of diff"
                        + " types: [tier at /fields/2] Causes: tier at /fields/2");

        stub.answering(200, "{\"is_compatible\":true,\"reason\":null}");
        assertThat(client().checkCompatibility("s", SchemaDocument.avro(AVRO_TEXT)))
                .isEqualTo(new CompatibilityResult(true, List.of()));
    }

    @ParameterizedTest
    @CsvSource({"40401", "40402"}) // Confluent: subject not found; Apicurio: no version 'latest'
    void aSubjectWithoutVersionsIsCompatible(int errorCode) {
        stub.answering(404, "{\"error_code\":" + errorCode + ",\"message\":\"not found\"}");
        CompatibilityResult result = client().checkCompatibility("s", SchemaDocument.avro(AVRO_TEXT));
        assertThat(result.compatible()).isTrue();
        assertThat(result.messages()).isEmpty();
    }

    @Test
    void subjectsListsThem() {
        stub.answering(200, "[\"a-value\",\"b-key\"]");
        assertThat(client().subjects()).containsExactly("a-value", "b-key");
        assertThat(stub.lastRequest().rawPath).isEqualTo("/subjects");
    }

    @Test
    void anAnswerThatIsNotTheApisJsonSaysSo() {
        stub.answering(200, "<html>welcome</html>");
        assertThatThrownBy(() -> client().subjects())
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("not the registry API's JSON");
        stub.answering(200, "{\"ok\":true}");
        assertThatThrownBy(() -> client().register("s", SchemaDocument.avro(AVRO_TEXT)))
                .hasMessageContaining("no integer \"id\"");
    }

    @Test
    void aLongErrorBodyIsCutShort() {
        String html = "<html>" + "x".repeat(1024 * 1024) + "</html>";
        stub.answering(502, html);
        assertThatThrownBy(() -> client().subjects())
                .isInstanceOf(RegistryException.class)
                .satisfies(e -> {
                    RegistryException registry = (RegistryException) e;
                    assertThat(registry.registryMessage()).hasSizeLessThanOrEqualTo(
                            RegistryJson.ERROR_TEXT_CHARS + 4).endsWith(" ...");
                    assertThat(registry.isTransient()).isTrue();
                });
    }

    @Test
    void whenTheFirstUrlRefusesConnectionsTheNextOneIsUsedAndPreferredAfterwards() throws Exception {
        stub.answering(200, "[\"a-value\"]");
        URI refusing = refusingUrl();
        SchemaRegistryClient client = new SchemaRegistryClient(
                RegistryConnection.of(List.of(refusing, stub.url()), null, "tok", null), TIMEOUT);
        assertThat(client.subjects()).containsExactly("a-value");
        assertThat(stub.requests()).hasSize(1);
        assertThat(stub.lastRequest().authorization).isEqualTo("Bearer tok");
        assertThat(client.subjects()).containsExactly("a-value");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void anHttpErrorIsFinalNotAReasonToTryTheNextUrl() throws Exception {
        AtomicInteger secondCalls = new AtomicInteger();
        try (RegistryStub second = new RegistryStub()) {
            second.answering((exchange, request) -> {
                secondCalls.incrementAndGet();
                RegistryStub.send(exchange, 200, "[]");
            });
            stub.answering(500, "{\"error_code\":50001,\"message\":\"store down\"}");
            SchemaRegistryClient client = new SchemaRegistryClient(
                    RegistryConnection.of(List.of(stub.url(), second.url()), null, null, null), TIMEOUT);
            assertThatThrownBy(client::subjects).hasMessageContaining("store down");
            assertThat(secondCalls).hasValue(0);
        }
    }

    @Test
    void whenNoUrlAnswersTheErrorNamesThemAllAndIsTransient() throws Exception {
        URI first = refusingUrl();
        URI second = refusingUrl();
        SchemaRegistryClient client = new SchemaRegistryClient(
                RegistryConnection.of(List.of(first, second), null, null, null), TIMEOUT);
        assertThatThrownBy(() -> client.register("orders-value", SchemaDocument.avro(AVRO_TEXT)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("POST /subjects/orders-value/versions at each of [" + first + ", " + second + "]")
                .hasMessageContaining("got no answer")
                .satisfies(e -> {
                    RegistryException registry = (RegistryException) e;
                    assertThat(registry.status()).isZero();
                    assertThat(registry.isTransient()).isTrue();
                    assertThat(registry.getCause()).isInstanceOf(IOException.class);
                    assertThat(registry.getCause().getSuppressed()).hasSize(1);
                });
    }

    @Test
    void aRedirectIsNotFollowed() {
        String elsewhere = stub.url() + "/elsewhere/subjects?token=abc";
        stub.answering((exchange, request) -> {
            exchange.getResponseHeaders().set("Location", elsewhere);
            exchange.sendResponseHeaders(307, -1);
        });
        assertThatThrownBy(() -> client(null, "tok").subjects())
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("HTTP 307")
                .hasMessageContaining("redirects to " + stub.url() + "/elsewhere/subjects,")
                .hasMessageContaining("not followed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("token=abc"));
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsNoAnswer() {
        CountDownLatch release = new CountDownLatch(1);
        stub.answering((exchange, request) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            SchemaRegistryClient client = new SchemaRegistryClient(RegistryConnection.of(stub.url()),
                    Duration.ofMillis(300));
            assertThatThrownBy(client::subjects)
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("within 300 ms")
                    .satisfies(e -> assertThat(((RegistryException) e).isTransient()).isTrue());
        } finally {
            release.countDown();
        }
    }

    @Test
    void httpsWorksWithTheTrustStoreAndFailsWithoutIt(@TempDir Path dir) throws Exception {
        try (TlsLoopback tls = TlsLoopback.start(dir)) {
            AtomicInteger served = new AtomicInteger();
            tls.server().createContext("/subjects", exchange -> {
                served.incrementAndGet();
                RegistryStub.send(exchange, 200, "[\"over-tls\"]");
                exchange.close();
            });
            URI url = URI.create(tls.url(""));
            SchemaRegistryClient trusting = new SchemaRegistryClient(RegistryConnection.of(List.of(url), null, null,
                    TrustStores.sslContext(tls.truststore(), TlsLoopback.TRUSTSTORE_PASSWORD, "PKCS12")), TIMEOUT);
            assertThat(trusting.subjects()).containsExactly("over-tls");

            SchemaRegistryClient defaultTrust = new SchemaRegistryClient(RegistryConnection.of(url), TIMEOUT);
            assertThatThrownBy(defaultTrust::subjects)
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("TLS handshake failed")
                    .satisfies(e -> {
                        assertThat(((RegistryException) e).status()).isZero();
                        assertThat(((RegistryException) e).isTransient()).isFalse();
                    });
            assertThat(served).hasValue(1);
        }
    }
}
