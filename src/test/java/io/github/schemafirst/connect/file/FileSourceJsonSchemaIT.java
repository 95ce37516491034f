package io.github.schemafirst.connect.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.file.TestResources.User;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import io.github.schemafirst.connect.it.JsonSchemaWireDecoder;
import io.github.schemafirst.connect.it.RegistryClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema path the way producers keep a declared JSON Schema in the registry: the document is registered
 * first, and the converter writes with the latest registered version (never registering anything itself).
 */
class FileSourceJsonSchemaIT extends ConnectStackITBase {

    @Test
    void usersAreFramedWithTheRegisteredIdAndValidateAgainstIt(@TempDir Path dir) {
        String topic = uniqueTopic("json-schema-users");
        RegistryClient client = registryClient();
        int id = client.register(topic + "-value", "JSON", TestResources.text("schemas/user.schema.json"));
        TestResources.copy("data/users.jsonl", dir, "users.jsonl");
        Map<String, String> config = FileConnectorConfig.of(dir, topic, "jsonl")
                .schemaFile(TestResources.path("schemas/user.schema.json"), "json-schema")
                .with(ConverterConfigs.testJsonSchema(registry))
                .toMap();

        connect.startConnector("json-schema-users", config);
        try {
            connect.consume(topic, 20);
            JsonSchemaWireDecoder decoder = jsonSchemaDecoder();
            List<JsonSchemaWireDecoder.Decoded> decoded = connect.consumeAll(topic, false).stream()
                    .map(r -> decoder.decode(r.value())).toList();

            assertThat(decoded).hasSize(20).allSatisfy(d -> {
                assertThat(d.schemaId()).isEqualTo(id);
                assertThat(d.violations()).isEmpty();
            });
            assertThat(decoded.stream().map(d -> toUser(d.value()))).containsExactlyElementsOf(TestResources.users());
            assertThat(client.latest(topic + "-value").orElseThrow().id())
                    .as("nothing registered besides the declared document").isEqualTo(id);
        } finally {
            connect.deleteConnector("json-schema-users");
        }
    }

    /** JSON Schema's {@code number} becomes a Connect FLOAT64, so 18 arrives as 18.0: compare it as a number. */
    private static User toUser(JsonNode value) {
        assertThat(value.size()).as("exactly the three declared properties in %s", value).isEqualTo(3);
        double number = value.get("favorite_number").asDouble();
        assertThat(number).as("an integral number in %s", value).isEqualTo(Math.rint(number));
        return new User(value.get("name").asText(), (long) number, value.get("favorite_color").asText());
    }
}
