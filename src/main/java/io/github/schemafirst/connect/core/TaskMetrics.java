package io.github.schemafirst.connect.core;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's numbers, shown on JMX as {@code kafka.connect:type=schemafirst-task-metrics,connector=<name>,task=<id>}.
 * Created by the task in {@code start()} ({@link #register()}) and removed in {@code stop()} ({@link #close()}).
 *
 * <p>Counters are written only by the task's thread (one writer, so read-add-write is safe) and read by JMX
 * (records written, counted by the producer's callbacks, is a {@code LongAdder}). The per-record ones are published
 * with {@code lazySet}, a plain store on x86, rather than volatile writes, each of which costs a fence: no
 * allocation, no lock, no fence per record. The connectors add their own gauges
 * ({@link #gauge}) in subclasses: files and bytes not yet read, requests and the incremental value's age.
 */
public class TaskMetrics implements DynamicMBean {
    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);
    public static final String DOMAIN = "kafka.connect";
    public static final String TYPE = "schemafirst-task-metrics";
    /** The connector's name, which Connect puts in every connector config (and the tasks get a copy of it). */
    public static final String CONNECTOR_NAME_CONFIG = "name";

    private final String connector;
    private final String task;
    private final String deadLetterTopic;
    private final Map<String, Gauge> gauges = new LinkedHashMap<>();
    private final MBeanServer server;
    /** Which instance owns each registered name, so a stale task's close() leaves its successor's MBean alone. */
    private static final Map<ObjectName, TaskMetrics> OWNERS = new HashMap<>();
    private ObjectName registeredAs;
    /** The worker's {@code PluginMetrics} (Kafka 4.1+) and what was added to it; null on older workers. */
    private Object workerMetrics;
    private List<MetricName> workerMetricNames = List.of();
    private Method removeWorkerMetric;

    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    /** Counted by the producer's callback threads, not the task's. */
    private final LongAdder recordsWritten = new LongAdder();
    private volatile long skipped;
    private volatile long deadLettered;
    private volatile long failed;
    private final AtomicLong lastRecordMillis = new AtomicLong();

    protected TaskMetrics(Map<String, String> taskProps, String task, String deadLetterTopic, MBeanServer server) {
        String name = taskProps.get(CONNECTOR_NAME_CONFIG);
        this.connector = name == null || name.isEmpty() ? "unnamed" : name;
        this.task = task;
        this.deadLetterTopic = deadLetterTopic;
        this.server = server == null ? ManagementFactory.getPlatformMBeanServer() : server;
        gauge("records-read", "Records taken from the source (valid or not) since the task started",
                recordsRead::get);
        gauge("bytes-read", "Bytes of the records taken from the source since the task started", bytesRead::get);
        gauge("records-written", "Records (not dead letters) acknowledged by the worker: written to Kafka, or "
                + "dropped by a transform", recordsWritten::sum);
        gauge("invalid-records-skipped", "Invalid records skipped (invalid.record.policy=skip)", () -> skipped);
        gauge("invalid-records-dead-lettered", "Invalid records sent to invalid.record.topic "
                + "(invalid.record.policy=dead-letter)", () -> deadLettered);
        gauge("invalid-records-failed", "Invalid records that stopped the task (invalid.record.policy=fail)",
                () -> failed);
        gauge("last-record-time-ms", "When the task last took a record from the source (epoch ms; 0: never)",
                lastRecordMillis::get);
    }

    /** Metrics of a task of a connector with nothing of its own to add. */
    public static TaskMetrics create(Map<String, String> taskProps, String task, String deadLetterTopic) {
        return new TaskMetrics(taskProps, task, deadLetterTopic, null);
    }

    // ---- updates, on the task's thread ------------------------------------------------------------------------

    public final void recordRead(int bytes) {
        recordsRead.lazySet(recordsRead.get() + 1);
        bytesRead.lazySet(bytesRead.get() + bytes);
        lastRecordMillis.lazySet(System.currentTimeMillis());
    }

    public final void skipped() {
        skipped++;
    }

    public final void deadLettered() {
        deadLettered++;
    }

    public final void failed() {
        failed++;
    }

    /** From {@code SourceTask.commitRecord}: dead letters are counted when they are produced, not here. */
    public final void written(SourceRecord record) {
        if (deadLetterTopic == null || !deadLetterTopic.equals(record.topic())) {
            recordsWritten.increment();
        }
    }

    // ---- names and registration -----------------------------------------------------------------------------

    /** Adds a gauge; called from constructors only, before {@link #register()}. */
    protected final void gauge(String name, String description, LongSupplier value) {
        gauges.put(name, new Gauge(description, value));
    }

    public final String connector() {
        return connector;
    }

    public final String task() {
        return task;
    }

    public final ObjectName objectName() {
        return objectName(connector, task);
    }

    /** Kafka's own way of quoting tag values that JMX does not take as they are (so names match its metrics). */
    public static ObjectName objectName(String connector, String task) {
        try {
            return new ObjectName(DOMAIN + ":type=" + TYPE + ",connector=" + Sanitizer.jmxSanitize(connector)
                    + ",task=" + Sanitizer.jmxSanitize(task));
        } catch (JMException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Registers the MBean, replacing one of the same name left by an earlier instance of this task in this worker
     * (a task restarted before the old one's {@code stop()} ran, or abandoned by the worker): the newest task's
     * numbers are the ones that matter.
     */
    public final void register() {
        ObjectName name = objectName();
        synchronized (OWNERS) {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(this, name);
                OWNERS.put(name, this);
                registeredAs = name;
            } catch (JMException | RuntimeException e) {
                log.warn("Cannot register the task metrics as {}: {}", name, e.toString());
            }
        }
    }

    /**
     * Also publishes the metrics through the worker's own metrics (KIP-877, Kafka 4.1+), when its task context
     * offers {@code pluginMetrics()}: they then appear as {@code kafka.connect:type=plugins,connector=..,task=..}
     * beside Connect's task metrics and reach every configured metrics reporter. The plugin is compiled against
     * connect-api 3.9, which has no such method, so it is looked up by reflection; on older workers (no method)
     * and on any failure this does nothing (the MBean of {@link #register()} is there on every version). The worker
     * removes plugin metrics when the task stops; {@link #close()} removes them as well.
     */
    public final void registerWithWorker(Object taskContext) {
        if (taskContext == null) {
            return;
        }
        try {
            Class<?> contextApi = taskContext instanceof org.apache.kafka.connect.source.SourceTaskContext
                    ? org.apache.kafka.connect.source.SourceTaskContext.class : taskContext.getClass();
            Method accessor = contextApi.getMethod("pluginMetrics");
            Object plugin = accessor.invoke(taskContext);
            if (plugin == null) {
                return;
            }
            Class<?> api = accessor.getReturnType(); // org.apache.kafka.common.metrics.PluginMetrics
            Method metricName = api.getMethod("metricName", String.class, String.class, LinkedHashMap.class);
            Method addMetric = api.getMethod("addMetric", MetricName.class, MetricValueProvider.class);
            Method removeMetric = api.getMethod("removeMetric", MetricName.class);
            List<MetricName> added = new ArrayList<>();
            for (Map.Entry<String, Gauge> entry : gauges.entrySet()) {
                LongSupplier value = entry.getValue().value;
                MetricName name = (MetricName) metricName.invoke(plugin, entry.getKey(), entry.getValue().description,
                        new LinkedHashMap<String, String>());
                Measurable measurable = (config, now) -> value.getAsLong();
                addMetric.invoke(plugin, name, measurable);
                added.add(name);
            }
            synchronized (OWNERS) {
                workerMetrics = plugin;
                workerMetricNames = added;
                removeWorkerMetric = removeMetric;
            }
            log.debug("Task metrics of {} task {} also registered through the worker's plugin metrics (KIP-877)",
                    connector, task);
        } catch (NoSuchMethodException e) {
            // a worker before Kafka 4.1: the platform MBean server only
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.warn("Cannot register the task metrics through the worker's plugin metrics (they stay on JMX as {}): "
                    + "{}", objectName(), e.toString());
        }
    }

    /**
     * Unregisters the MBean if this instance is still the one registered under its name (a newer instance of the
     * task may have replaced it); safe to call more than once.
     */
    public final void close() {
        synchronized (OWNERS) {
            ObjectName name = registeredAs;
            registeredAs = null;
            if (name != null && !OWNERS.remove(name, this)) {
                // a newer instance of the task took these names over (in JMX, and maybe in the worker's metrics):
                // leave them; the worker drops this instance's plugin metrics when it ends the old task
                workerMetrics = null;
                return;
            }
            removeWorkerMetrics();
            if (name == null) {
                return;
            }
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // already gone
            } catch (JMException | RuntimeException e) {
                log.warn("Cannot unregister the task metrics {}: {}", name, e.toString());
            }
        }
    }

    private void removeWorkerMetrics() {
        Object plugin = workerMetrics;
        workerMetrics = null;
        if (plugin == null) {
            return;
        }
        for (MetricName name : workerMetricNames) {
            try {
                removeWorkerMetric.invoke(plugin, name);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("Cannot remove plugin metric {}: {}", name, e.toString());
            }
        }
    }

    /** The current value of a metric by its JMX attribute name (for tests and the worker's own metrics). */
    public final long value(String name) {
        Gauge gauge = gauges.get(name);
        if (gauge == null) {
            throw new IllegalArgumentException("no metric " + name);
        }
        return gauge.value.getAsLong();
    }

    public final List<String> names() {
        return new ArrayList<>(gauges.keySet());
    }

    // ---- DynamicMBean ---------------------------------------------------------------------------------------

    @Override
    public final Object getAttribute(String attribute) throws AttributeNotFoundException {
        Gauge gauge = gauges.get(attribute);
        if (gauge == null) {
            throw new AttributeNotFoundException(attribute);
        }
        return gauge.value.getAsLong();
    }

    @Override
    public final void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public final AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            Gauge gauge = gauges.get(name);
            if (gauge != null) {
                list.add(new Attribute(name, gauge.value.getAsLong()));
            }
        }
        return list;
    }

    @Override
    public final AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public final Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException(actionName);
    }

    @Override
    public final MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        for (Map.Entry<String, Gauge> entry : gauges.entrySet()) {
            attributes.add(new MBeanAttributeInfo(entry.getKey(), "long", entry.getValue().description, true, false,
                    false));
        }
        return new MBeanInfo(getClass().getName(), "schemafirst metrics of connector " + connector + " task " + task,
                attributes.toArray(new MBeanAttributeInfo[0]), null, null, null);
    }

    private static final class Gauge {
        final String description;
        final LongSupplier value;

        Gauge(String description, LongSupplier value) {
            this.description = description;
            this.value = value;
        }
    }
}
