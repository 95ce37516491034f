package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.core.TaskMetrics;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class FileTaskMetricsTest extends FileSourceTaskTestBase {
    private static final String FILE = "users-with-errors.jsonl";
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private Map<String, String> usersConfig(String name, String... extra) {
        Map<String, String> config = config(extra);
        config.put("name", name);
        config.put(FileSourceConfig.FORMAT_CONFIG, "jsonl");
        config.put("value.schema.file", TestResources.path("schemas/user.avsc").toString());
        config.put("value.schema.type", "avro");
        config.put(TaskSlot.INDEX_CONFIG, "0");
        config.put(TaskSlot.COUNT_CONFIG, "1");
        return config;
    }

    @Test
    void countsRecordsSkipsAndLagOfTheSharedFile() throws Exception {
        TestResources.copy("records/" + FILE, dir, FILE);
        long size = Files.size(dir.resolve(FILE));
        FileSourceTask task = start(usersConfig("metrics-skip", "invalid.record.policy", "skip"));
        ObjectName name = TaskMetrics.objectName("metrics-skip", "0");
        assertThat(server.isRegistered(name)).isTrue();

        List<SourceRecord> records = pollUntil(task, 3);
        acknowledgeAndStore(task, records);
        pollRounds(task, 2);

        assertThat(attribute(name, "records-read")).isEqualTo(8);
        assertThat(attribute(name, "records-written")).isEqualTo(3);
        assertThat(attribute(name, "invalid-records-skipped")).isEqualTo(5);
        assertThat(attribute(name, "invalid-records-dead-lettered")).isZero();
        assertThat(attribute(name, "bytes-read")).isBetween(size - 8, size); // the lines without their newlines
        assertThat(attribute(name, "bytes-not-read")).isZero();
        assertThat(attribute(name, "files-known")).isEqualTo(1);
        assertThat(attribute(name, "files-errored")).isZero();
        assertThat(attribute(name, "last-record-time-ms")).isPositive();

        task.stop();
        assertThat(server.isRegistered(name)).as("gone after stop").isFalse();
    }

    @Test
    void bytesNotReadIsTheUnreadRestOfTheListedFiles() throws Exception {
        write("a.jsonl", "{\"name\": \"a\", \"favorite_number\": 1, \"favorite_color\": \"x\"}\n".repeat(100));
        long size = Files.size(dir.resolve("a.jsonl"));
        // read on demand, so the lag is sampled between reads (with read-ahead the next batch may be read already)
        FileSourceTask task = start(usersConfig("metrics-lag", "batch.max.records", "10",
                FileSourceConfig.READ_AHEAD_ENABLED_CONFIG, "false"));
        ObjectName name = TaskMetrics.objectName("metrics-lag", "0");
        assertThat(pollUntil(task, 10)).hasSize(10);
        long notRead = attribute(name, "bytes-not-read");
        assertThat(notRead).isEqualTo(size - size / 10);
        assertThat(attribute(name, "files-reading")).isEqualTo(1);
        pollUntil(task, 90);
        pollRounds(task, 2);
        assertThat(attribute(name, "bytes-not-read")).isZero();
    }

    @Test
    void deadLettersAndARestartedTaskLeaveOneMBean() throws Exception {
        TestResources.copy("records/" + FILE, dir, FILE);
        Map<String, String> config = usersConfig("metrics-dlq", "invalid.record.policy", "dead-letter",
                "invalid.record.topic", "users-invalid");
        FileSourceTask first = start(config);
        ObjectName name = TaskMetrics.objectName("metrics-dlq", "0");
        List<SourceRecord> records = pollUntil(first, 8);
        acknowledgeAndStore(first, records);
        assertThat(attribute(name, "invalid-records-dead-lettered")).isEqualTo(5);
        assertThat(attribute(name, "records-written")).isEqualTo(3);
        first.stop();
        assertThat(server.isRegistered(name)).isFalse();

        FileSourceTask restarted = start(config);
        assertThat(server.isRegistered(name)).isTrue();
        pollRounds(restarted, 2);
        assertThat(attribute(name, "records-read")).as("resumed after the committed offsets").isZero();
        assertThat(attribute(name, "bytes-not-read")).isZero();
        restarted.stop();
        assertThat(server.queryNames(new ObjectName("kafka.connect:type=schemafirst-task-metrics,*"), null))
                .doesNotContain(name);
    }

    @Test
    void aTaskThatFailsToStartLeavesNoMBean() throws Exception {
        Map<String, String> config = usersConfig("metrics-broken", "key.fields", "no_such_field");
        FileSourceTask task = new FileSourceTask();
        task.initialize(store.context(config));
        try {
            task.start(config);
        } catch (RuntimeException expected) {
            // the key field is not in the schema
        }
        task.stop();
        assertThat(server.isRegistered(TaskMetrics.objectName("metrics-broken", "0"))).isFalse();
    }

    private long attribute(ObjectName name, String attribute) throws Exception {
        return (Long) server.getAttribute(name, attribute);
    }
}
