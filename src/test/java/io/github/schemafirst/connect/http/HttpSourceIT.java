package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.it.AvroWireDecoder;
import io.github.schemafirst.connect.it.ConfigValidation;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.JsonSchemaWireDecoder;
import io.github.schemafirst.connect.it.RegisteredSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP source on a real Connect worker and broker: a paged, token-protected, incremental API on loopback, Avro
 * through a real registry decoded independently, then a worker restart that must not duplicate anything.
 */
class HttpSourceIT extends ConnectStackITBase {
    private static final String TOKEN = "it-token";
    private final LoopbackHttpServer api = new LoopbackHttpServer();
    private final List<String> users = new CopyOnWriteArrayList<>();

    @AfterAll
    void stopApi() {
        api.close();
    }

    private void addUsers(int fromId, int toId) {
        for (int id = fromId; id <= toId; id++) {
            users.add("{\"id\":" + id + ",\"name\":\"user-" + id + "\",\"favorite_number\":" + (id * 10)
                    + ",\"favorite_color\":\"blue\"}");
        }
    }

    /** {@code GET /users?since=&page=&size=}: users with id > since, oldest first, paged; bearer token required. */
    private void serveUsers() {
        api.on("/users", (exchange, request) -> {
            if (!("Bearer " + TOKEN).equals(request.header("Authorization"))) {
                respond(exchange, 401, "{\"error\":\"token required\"}");
                return;
            }
            long since = Long.parseLong(param(request, "since"));
            int page = Integer.parseInt(param(request, "page"));
            int size = Integer.parseInt(param(request, "size"));
            List<String> newer = new ArrayList<>();
            for (String user : users) {
                long id = Long.parseLong(user.substring(6, user.indexOf(',')));
                if (id > since) {
                    newer.add(user);
                }
            }
            int from = Math.min((page - 1) * size, newer.size());
            respond(exchange, 200, "{\"items\":[" + String.join(",", newer.subList(from,
                    Math.min(from + size, newer.size()))) + "]}");
        });
    }

    private Map<String, String> connectorConfig(String topic) {
        Map<String, String> config = new HashMap<>(ConverterConfigs.apicurioAvro(registry));
        config.put("connector.class", HttpSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("value.schema.file", Paths.get("config/schemas/user.avsc").toAbsolutePath().toString());
        config.put("key.field", "name");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("http.url", api.url("/users?since={{incremental}}"));
        config.put("http.records.pointer", "/items");
        config.put("http.auth.type", "bearer");
        config.put("http.auth.token", TOKEN);
        config.put("http.pagination.type", "page-number");
        config.put("http.pagination.size.param", "size");
        config.put("http.pagination.size", "3");
        config.put("http.incremental.field", "id");
        config.put("http.incremental.initial", "0");
        config.put("http.poll.interval.ms", "300");
        return config;
    }

    private static List<String> names(AvroWireDecoder decoder, List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> names = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            names.add(decoder.decode(record.value()).record().get("name").toString());
        }
        return names;
    }

    private void awaitRequest(String since) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int seen = api.requests("/users").size();
        while (System.nanoTime() < deadline) {
            List<LoopbackHttpServer.RecordedRequest> requests = api.requests("/users");
            for (LoopbackHttpServer.RecordedRequest request : requests.subList(seen, requests.size())) {
                if (since.equals(param(request, "since"))) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no request with since=" + since + " within 30 s; saw " + api.requests("/users"));
    }

    @Test
    void pagedIncrementalApiToAvroSurvivesAWorkerRestartWithoutDuplicates() {
        serveUsers();
        addUsers(1, 7);
        String topic = uniqueTopic("http-users");
        connect.startConnector("http-users", connectorConfig(topic));

        AvroWireDecoder decoder = avroDecoder();
        List<ConsumerRecord<byte[], byte[]>> first = connect.consume(topic, 7);
        assertThat(names(decoder, first)).containsExactly("user-1", "user-2", "user-3", "user-4", "user-5",
                "user-6", "user-7");
        GenericRecord user = decoder.decode(first.get(0).value()).record();
        assertThat(user.getSchema().getName()).isEqualTo("User");
        assertThat(user.get("favorite_number")).isEqualTo(10L);
        assertThat(user.getSchema().getField("id")).as("fields outside the declared schema are dropped").isNull();
        assertThat(new String(first.get(0).key())).isEqualTo("user-1");

        // the next cycle asks only for what is newer than the highest id delivered
        awaitRequest("7");
        addUsers(8, 9);
        assertThat(names(decoder, connect.consume(topic, 9).subList(7, 9))).containsExactly("user-8", "user-9");
        awaitRequest("9");

        connect.restartWorker();
        connect.awaitRunning("http-users", 1);
        awaitRequest("9");
        assertThat(connect.consumeAll(topic, false)).hasSize(9);
        Map<String, ?> offset = connect.committedOffsets("http-users")
                .get(Map.of("endpoint", api.url("/users?since={{incremental}}")));
        assertThat(offset).isNotNull();
        assertThat(String.valueOf(offset.get("cycle.max"))).isEqualTo("9");
        connect.deleteConnector("http-users");
    }

    /**
     * value.schema.registration=connector on the HTTP connector: the declared JSON Schema is registered as written
     * before the first record, and every record carries its id (the test JSON Schema converter writes with the
     * latest version and registers nothing).
     */
    @Test
    void theDeclaredJsonSchemaIsRegisteredByTheConnectorBeforeTheFirstRecord() throws IOException {
        serveUsers();
        addUsers(1, 7);
        String topic = uniqueTopic("http-registered");
        Map<String, String> config = connectorConfig(topic);
        config.keySet().removeIf(key -> key.startsWith("value.converter"));
        config.putAll(ConverterConfigs.testJsonSchema(registry));
        String declared = Files.readString(Paths.get("config/schemas/user.schema.json"));
        config.put("value.schema.file", Paths.get("config/schemas/user.schema.json").toAbsolutePath().toString());
        config.put("value.schema.registration", "connector");
        assertThat(registryClient().latest(topic + "-value")).isEmpty();

        connect.startConnector("http-registered", config);
        try {
            List<ConsumerRecord<byte[], byte[]>> records = connect.consume(topic, 7);
            RegisteredSchema latest = registryClient().latest(topic + "-value").orElseThrow();
            ObjectMapper json = new ObjectMapper();
            assertThat(latest.version()).isEqualTo(1);
            assertThat(json.readTree(latest.schema())).isEqualTo(json.readTree(declared));
            JsonSchemaWireDecoder decoder = jsonSchemaDecoder();
            assertThat(records).allSatisfy(r -> {
                JsonSchemaWireDecoder.Decoded d = decoder.decode(r.value());
                assertThat(d.schemaId()).isEqualTo(latest.id());
                assertThat(d.violations()).isEmpty();
            });
        } finally {
            connect.deleteConnector("http-registered");
        }
    }

    @Test
    void validateReportsHttpProblemsPerKeyThroughTheRestApi() {
        Map<String, String> config = connectorConfig("unused");
        config.put("name", "http-invalid");
        config.remove("http.auth.token");
        config.put("http.url", api.url("/users?since={{since}}"));
        config.put("http.pagination.cursor.pointer", "/next");

        ConfigValidation validation = connect.validate(HttpSourceConnector.class.getName(), config);

        assertThat(validation.errors()).containsOnlyKeys("http.url", "http.auth.token",
                "http.pagination.cursor.pointer");
        assertThat(validation.errorsFor("http.auth.token")).containsExactly("required for http.auth.type=bearer");
        assertThat(validation.errorsFor("http.url")).singleElement().asString()
                .contains("unknown placeholder {{since}}");
    }
}
