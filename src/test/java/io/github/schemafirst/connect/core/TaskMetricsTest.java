package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void countsWhatHappened() {
        TaskMetrics metrics = TaskMetrics.create(Map.of("name", "counts"), "0", "dlq");
        long before = System.currentTimeMillis();
        metrics.recordRead(10);
        metrics.recordRead(5);
        metrics.recordRead(7);
        metrics.skipped();
        metrics.deadLettered();
        metrics.written(new SourceRecord(null, null, "users", null, "a"));
        metrics.written(new SourceRecord(null, null, "dlq", null, "b"));

        assertThat(metrics.value("records-read")).isEqualTo(3);
        assertThat(metrics.value("bytes-read")).isEqualTo(22);
        assertThat(metrics.value("records-written")).as("dead letters are not counted as written").isEqualTo(1);
        assertThat(metrics.value("invalid-records-skipped")).isEqualTo(1);
        assertThat(metrics.value("invalid-records-dead-lettered")).isEqualTo(1);
        assertThat(metrics.value("invalid-records-failed")).isZero();
        assertThat(metrics.value("last-record-time-ms")).isGreaterThanOrEqualTo(before);
    }

    @Test
    void registeredUnderTheDocumentedNameUntilClosed() throws Exception {
        TaskMetrics metrics = TaskMetrics.create(Map.of("name", "orders,eu:1"), "3", null);
        ObjectName name = new ObjectName("kafka.connect:type=schemafirst-task-metrics,connector="
                + ObjectName.quote("orders,eu:1") + ",task=3");
        assertThat(metrics.objectName()).isEqualTo(name);
        metrics.register();
        try {
            metrics.recordRead(4);
            assertThat(server.getAttribute(name, "records-read")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "bytes-read")).isEqualTo(4L);
            assertThat(server.getMBeanInfo(name).getAttributes()).hasSize(metrics.names().size());
        } finally {
            metrics.close();
        }
        assertThat(server.isRegistered(name)).isFalse();
        metrics.close(); // twice is harmless
    }

    @Test
    void aRestartedTaskReplacesItsPredecessorAndTheOldStopLeavesTheNewOne() throws Exception {
        TaskMetrics old = TaskMetrics.create(Map.of("name", "restarted"), "0", null);
        old.register();
        TaskMetrics restarted = TaskMetrics.create(Map.of("name", "restarted"), "0", null);
        restarted.register();
        restarted.recordRead(1);
        old.close(); // the old instance stopping late must not remove the new one's MBean
        assertThat(server.isRegistered(restarted.objectName())).isTrue();
        assertThat(server.getAttribute(restarted.objectName(), "records-read")).isEqualTo(1L);
        restarted.close();
        assertThat(server.isRegistered(restarted.objectName())).isFalse();
    }
}
