package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class JsonSchemaStrictnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theUserSchemaConstrainsRequiredFieldsAndABound() throws IOException {
        JsonNode user = JSON.readTree(Files.readString(Paths.get("src/test/resources/schemas/user.schema.json")));

        assertThat(JsonSchemaStrictness.constraints(user)).containsExactlyInAnyOrder(
                "exclusiveMinimum at /properties/favorite_number/exclusiveMinimum", "required at /required");
    }

    @Test
    void typesDescriptionsAndFormatsAloneAreNotConstraints() throws IOException {
        JsonNode plain = JSON.readTree("{\"type\":\"object\",\"title\":\"T\",\"properties\":{"
                + "\"required\":{\"type\":\"string\",\"description\":\"a property named like a keyword\"},"
                + "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[]}");

        assertThat(JsonSchemaStrictness.constraints(plain)).isEmpty();
    }

    @Test
    void constraintsInNestedSchemasAreFoundWithTheirPointer() throws IOException {
        JsonNode nested = JSON.readTree("{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}},"
                + "\"a/b\":{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"integer\",\"maximum\":9}]}},"
                + "\"$defs\":{\"Name\":{\"type\":\"string\",\"minLength\":1}}}");

        assertThat(JsonSchemaStrictness.constraints(nested)).containsExactlyInAnyOrder(
                "additionalProperties at /additionalProperties",
                "pattern at /properties/tags/items/pattern",
                "maximum at /properties/a~1b/anyOf/1/maximum",
                "minLength at /$defs/Name/minLength");
    }
}
