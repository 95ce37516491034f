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

    @Test
    void onAWorkerWithPluginMetricsTheSameNamesAreAddedThereAndRemovedOnClose() throws Exception {
        org.apache.kafka.common.metrics.Metrics workerMetrics = new org.apache.kafka.common.metrics.Metrics();
        org.apache.kafka.common.metrics.internals.PluginMetricsImpl plugin =
                new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(workerMetrics,
                        Map.of("connector", "kip877", "task", "0"));
        org.apache.kafka.connect.source.SourceTaskContext context =
                (org.apache.kafka.connect.source.SourceTaskContext) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {org.apache.kafka.connect.source.SourceTaskContext.class},
                        (proxy, method, args) -> method.getName().equals("pluginMetrics") ? plugin : null);
        TaskMetrics metrics = TaskMetrics.create(Map.of("name", "kip877"), "0", null);
        metrics.register();
        metrics.registerWithWorker(context);
        metrics.recordRead(3);
        org.apache.kafka.common.MetricName name = plugin.metricName("records-read", "", new java.util.LinkedHashMap<>());
        assertThat(workerMetrics.metric(name).metricValue()).isEqualTo(1.0);
        assertThat(workerMetrics.metrics().keySet().stream().filter(n -> n.group().equals("plugins")).count())
                .isEqualTo(metrics.names().size());
        metrics.close();
        assertThat(workerMetrics.metric(name)).isNull();
        assertThat(server.isRegistered(metrics.objectName())).isFalse();
        workerMetrics.close();
    }

    @Test
    void aContextWithoutPluginMetricsLeavesTheMBeanOnly() {
        TaskMetrics metrics = TaskMetrics.create(Map.of("name", "old-worker"), "0", null);
        metrics.register();
        metrics.registerWithWorker(new Object()); // no pluginMetrics() method, as on a 3.9 worker
        assertThat(server.isRegistered(metrics.objectName())).isTrue();
        metrics.close();
    }
}
