package io.github.schemafirst.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decodes JSON Schema values in Confluent's wire format: schema fetched by id from the registry, payload parsed as
 * JSON and validated against that schema with the networknt validator. Independent of the converter that wrote them.
 */
public final class JsonSchemaWireDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;
    private final Map<Integer, JsonSchema> schemas = new ConcurrentHashMap<>();

    public JsonSchemaWireDecoder(RegistryClient registry) {
        this.registry = registry;
    }

    /**
     * A decoded value.
     *
     * @param violations what the validator reported against the registered schema; empty when the value conforms
     */
    public record Decoded(int schemaId, JsonNode value, List<String> violations) {
    }

    public Decoded decode(byte[] value) {
        int id = ConfluentWireFormat.schemaId(value);
        JsonSchema schema = schemas.computeIfAbsent(id, this::fetchJsonSchema);
        JsonNode json;
        try {
            json = JSON.readTree(ConfluentWireFormat.payload(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("payload after schema id " + id + " is not JSON: " + e, e);
        }
        List<String> violations = schema.validate(json).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .collect(Collectors.toList());
        return new Decoded(id, json, violations);
    }

    private JsonSchema fetchJsonSchema(int id) {
        RegisteredSchema registered = registry.schemaById(id);
        if (!"JSON".equals(registered.schemaType())) {
            throw new IllegalArgumentException("schema id " + id + " is " + registered.schemaType() + ", not JSON");
        }
        try {
            JsonNode document = JSON.readTree(registered.schema());
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(document, false)
                    .orElse(SpecVersion.VersionFlag.V7);
            return JsonSchemaFactory.getInstance(version).getSchema(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("schema id " + id + " is not JSON: " + e, e);
        }
    }
}
