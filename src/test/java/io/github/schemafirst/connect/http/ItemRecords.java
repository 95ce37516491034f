package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.schemafirst.connect.it.AvroWireDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The connector side of {@link ItemsApi} in integration tests: the declared schema of an item, a connector config
 * reading an {@code ItemsApi} into a topic, and the ids found in that topic, decoded the way a consumer would.
 */
final class ItemRecords {
    /** The declared value schema: what the API returns, nothing more. */
    static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"it.http\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"name\",\"type\":\"string\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemRecords() {
    }

    /** A one-task HTTP source reading {@code api} into {@code topic} with the given value converter settings. */
    static Map<String, String> connectorConfig(ItemsApi api, String topic, Map<String, String> valueConverter) {
        Map<String, String> config = new HashMap<>(valueConverter);
        config.put("connector.class", HttpSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("value.schema", SCHEMA);
        config.putAll(api.connectorConfig());
        return config;
    }

    /** The ids of schemaless JSON values ({@code JsonConverter} with {@code schemas.enable=false}), in topic order. */
    static List<Long> jsonIds(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                JsonNode value = JSON.readTree(record.value());
                if (!value.path("id").isIntegralNumber() || !("item-" + value.get("id")).equals(
                        value.path("name").asText())) {
                    throw new AssertionError("not an item: " + value);
                }
                ids.add(value.get("id").longValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }

    /** The ids of Avro values in Confluent wire format, in topic order. */
    static List<Long> avroIds(AvroWireDecoder decoder, List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            GenericRecord item = decoder.decode(record.value()).record();
            if (!("item-" + item.get("id")).equals(item.get("name").toString())) {
                throw new AssertionError("not an item: " + item);
            }
            ids.add((Long) item.get("id"));
        }
        return ids;
    }

    /** {@code from..to} inclusive. */
    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    /** How often each id occurs, for readable failure messages on duplicates. */
    static Map<Long, Long> counts(List<Long> ids) {
        return ids.stream().collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
    }
}
