package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.core.InvalidRecordFailure;
import io.github.schemafirst.connect.core.RecordPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task with the shared Avro User schema declared: records arrive as Structs, bad ones name url#index and field. */
class HttpSourceTaskAvroTest {
    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private HttpSourceTask task;

    @AfterEach
    void close() {
        if (task != null) {
            task.stop();
        }
        server.close();
    }

    private void start(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "users");
        props.put("value.schema.file", "config/schemas/user.avsc");
        props.put("key.field", "name");
        props.put("http.poll.interval.ms", "3600000");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        task = new HttpSourceTask();
        task.start(props);
    }

    private List<SourceRecord> pollAll() throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
        }
        return records;
    }

    @Test
    void pagesOfUsersBecomeStructsKeyedByName() throws Exception {
        server.on("/users", (exchange, request) -> {
            boolean first = param(request, "page") == null;
            String users = first
                    ? "{\"name\":\"Ana\",\"favorite_number\":7,\"favorite_color\":\"red\",\"updated_at\":\"x\"}"
                    : "{\"name\":\"Bo\",\"favorite_number\":8,\"favorite_color\":\"blue\"}";
            respond(exchange, 200, "{\"data\":[" + users + "],\"next\":" + (first ? "\"/users?page=2\"" : "null") + "}");
        });
        start("http.url", server.url("/users"), "http.records.pointer", "/data", "http.pagination.type", "next-url",
                "http.pagination.next.url.pointer", "/next");
        List<SourceRecord> records = pollAll();
        assertThat(records).hasSize(2);
        Struct ana = (Struct) records.get(0).value();
        assertThat(ana.getString("name")).isEqualTo("Ana");
        assertThat(ana.getInt64("favorite_number")).isEqualTo(7L);
        assertThat(records.get(0).key()).isEqualTo("Ana");
        assertThat(records.get(0).valueSchema().name()).isEqualTo("User");
        assertThat(((Struct) records.get(1).value()).getString("favorite_color")).isEqualTo("blue");
    }

    @Test
    void anInvalidRecordNamesTheRequestUrlIndexAndField() {
        server.on("/users", (exchange, request) -> respond(exchange, 200, "{\"data\":["
                + "{\"name\":\"Ana\",\"favorite_number\":7,\"favorite_color\":\"red\"},"
                + "{\"name\":\"Bo\",\"favorite_number\":\"blue\",\"favorite_color\":\"blue\"}]}"));
        start("http.url", server.url("/users?team=a"), "http.records.pointer", "/data");
        assertThatThrownBy(this::pollAll).isInstanceOf(InvalidRecordFailure.class)
                .hasMessageContaining(server.url("/users?team=a") + "#1 /favorite_number: expected");
    }

    @Test
    void aRecordWithAnOverlongSequenceIsInvalidAndTheOthersOfItsPageArrive() throws Exception {
        // Jackson parses the whole page and would read "B\u00C0\u00AFo" as "B/o"
        String body = "{\"data\":[{\"name\":\"Ana\",\"favorite_number\":7,\"favorite_color\":\"red\"},"
                + "{\"name\":\"B\u00C0\u00AFo\",\"favorite_number\":8,\"favorite_color\":\"blue\"},"
                + "{\"name\":\"Cy\",\"favorite_number\":9,\"favorite_color\":\"green\"}]}";
        server.on("/users", (exchange, request) ->
                respond(exchange, 200, body.getBytes(StandardCharsets.ISO_8859_1), Map.of()));
        start("http.url", server.url("/users"), "http.records.pointer", "/data", "invalid.record.policy", "dead-letter",
                "invalid.record.topic", "users-dlq");
        List<SourceRecord> records = pollAll();
        assertThat(records).extracting(SourceRecord::topic).containsExactly("users", "users-dlq", "users");
        assertThat((byte[]) records.get(1).value()).containsExactly(
                "{\"name\":\"B\u00C0\u00AFo\",\"favorite_number\":8,\"favorite_color\":\"blue\"}"
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(records.get(1).headers().lastWithName(RecordPipeline.HEADER_ERROR).value()).isEqualTo(
                server.url("/users") + "#1 /: expected UTF-8 text, got invalid UTF-8 bytes (overlong encoding) "
                        + "at byte 10");
        assertThat(((Struct) records.get(2).value()).getString("name")).isEqualTo("Cy");
    }
}
