package io.github.schemafirst.connect.it;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only stand-in for Confluent's {@code JsonSchemaConverter} (not on Maven Central) in the mode
 * CONFLUENT-FACTS recommends for declared JSON Schemas: {@code auto.register.schemas=false},
 * {@code use.latest.version=true}. It writes the value as schemaless JSON framed with magic byte 0 and the id of
 * the latest JSON Schema registered under {@code <topic>-value} (or {@code -key}); it never registers anything
 * and does not validate (Confluent's converter does not by default either). Never shipped.
 *
 * <p>Config: {@code schema.registry.url} (the ccompat API root). The id is looked up once per subject and cached
 * for the converter's life.
 */
public final class TestJsonSchemaConverter implements Converter {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                    "Confluent-compatible registry API root, e.g. http://127.0.0.1:8081/apis/ccompat/v7");

    private final JsonConverter json = new JsonConverter();
    private final Map<String, Integer> latestIds = new ConcurrentHashMap<>();
    private RegistryClient registry;
    private boolean isKey;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new DataException(SCHEMA_REGISTRY_URL + " is required");
        }
        this.registry = new RegistryClient(url.toString());
        this.isKey = isKey;
        Map<String, Object> jsonConfig = new HashMap<>();
        jsonConfig.put("schemas.enable", "false");
        // Confluent's JsonSchemaData writes decimals as JSON numbers, not base64 bytes.
        jsonConfig.put("decimal.format", "NUMERIC");
        json.configure(jsonConfig, isKey);
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        int id = latestIds.computeIfAbsent(subject(topic), this::latestJsonSchemaId);
        return ConfluentWireFormat.frame(id, json.fromConnectData(topic, schema, value));
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        return json.toConnectData(topic, ConfluentWireFormat.payload(value));
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    private int latestJsonSchemaId(String subject) {
        RegisteredSchema latest = registry.latest(subject).orElseThrow(() -> new DataException(
                "no schema registered under subject " + subject + " (this converter never auto-registers)"));
        if (!"JSON".equals(latest.schemaType())) {
            throw new DataException("latest schema of subject " + subject + " is " + latest.schemaType()
                    + ", expected JSON");
        }
        return latest.id();
    }
}
