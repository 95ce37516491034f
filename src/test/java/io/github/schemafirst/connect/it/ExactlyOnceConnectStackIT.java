package io.github.schemafirst.connect.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the exactly-once variant of the stack: a transactional source task's records are read committed. */
class ExactlyOnceConnectStackIT extends ConnectStackITBase {

    @TempDir
    Path dir;

    @Override
    protected void configureStack(ConnectStack.Builder builder) {
        builder.exactlyOnce();
    }

    @Test
    void recordsOfAnExactlyOnceSourceTaskAreReadCommitted() throws IOException {
        String topic = uniqueTopic("eos");
        List<String> lines = IntStream.rangeClosed(1, 20).mapToObj(i -> "line-" + i).collect(Collectors.toList());
        Path file = Files.write(dir.resolve("eos.txt"), lines);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", FileStreamSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("file", file.toString());
        config.put("topic", topic);
        config.put("exactly.once.support", "required");
        config.putAll(ConverterConfigs.string());

        assertThat(connect.validate(FileStreamSourceConnector.class.getName(), withName(config)).errors()).isEmpty();
        connect.startConnector("eos", config);

        List<ConsumerRecord<byte[], byte[]>> records = connect.consumeCommitted(topic, 20, ConnectStack.DEFAULT_TIMEOUT);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(lines);
        connect.deleteConnector("eos");
    }

    private static Map<String, String> withName(Map<String, String> config) {
        Map<String, String> named = new HashMap<>(config);
        named.put("name", "eos");
        return named;
    }
}
