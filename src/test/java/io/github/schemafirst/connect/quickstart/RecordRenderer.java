package io.github.schemafirst.connect.quickstart;

import io.github.schemafirst.connect.it.AvroWireDecoder;
import io.github.schemafirst.connect.it.ConfluentWireFormat;
import io.github.schemafirst.connect.it.JsonSchemaWireDecoder;
import io.github.schemafirst.connect.it.RegistryClient;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a record the way a consumer with the registry would see it: a value in Confluent's wire format is decoded
 * with the schema its id names (Avro through {@link AvroWireDecoder}, JSON Schema through
 * {@link JsonSchemaWireDecoder}, which also validates it), anything else is shown as UTF-8 text.
 */
final class RecordRenderer {

    private final RegistryClient registry;
    private final AvroWireDecoder avro;
    private final JsonSchemaWireDecoder jsonSchema;
    private final Map<Integer, String> schemaTypes = new ConcurrentHashMap<>();

    RecordRenderer(RegistryClient registry) {
        this.registry = registry;
        this.avro = new AvroWireDecoder(registry);
        this.jsonSchema = new JsonSchemaWireDecoder(registry);
    }

    /** A decoded record: its value as JSON text and how it was decoded. */
    record Rendered(String topic, int partition, long offset, String key, String format, String value) {

        /** One line: {@code topic[partition]@offset key=... (format) value}. */
        String line() {
            return topic + "[" + partition + "]@" + offset + "  key=" + key + "  (" + format + ")  " + value;
        }
    }

    Rendered render(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value();
        String format;
        String text;
        if (value == null) {
            format = "tombstone";
            text = "null";
        } else if (isFramed(value)) {
            int id = ConfluentWireFormat.schemaId(value);
            String type = schemaTypes.computeIfAbsent(id, i -> registry.schemaById(i).schemaType());
            switch (type) {
                case "AVRO" -> {
                    format = "Avro, schema id " + id;
                    text = GenericData.get().toString(avro.decode(value).datum());
                }
                case "JSON" -> {
                    JsonSchemaWireDecoder.Decoded decoded = jsonSchema.decode(value);
                    format = "JSON Schema, schema id " + id
                            + (decoded.violations().isEmpty() ? ", valid" : ", INVALID: " + decoded.violations());
                    text = decoded.value().toString();
                }
                default -> {
                    format = type + ", schema id " + id;
                    text = value.length - 5 + " bytes";
                }
            }
        } else {
            format = "text";
            text = new String(value, StandardCharsets.UTF_8);
        }
        return new Rendered(record.topic(), record.partition(), record.offset(), key, format, text);
    }

    private static boolean isFramed(byte[] value) {
        return value.length >= 5 && value[0] == 0;
    }
}
