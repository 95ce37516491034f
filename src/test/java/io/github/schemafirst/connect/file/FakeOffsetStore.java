package io.github.schemafirst.connect.file;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** An in-memory offset store and task context, playing the worker's part in task tests. */
final class FakeOffsetStore implements OffsetStorageReader {
    private final Map<Map<String, Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();
    /** While set, every lookup waits for it, like a worker whose offset store (or a mount) is stuck. */
    private volatile CountDownLatch lookupGate;

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets.get((Map<String, Object>) partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        CountDownLatch gate = lookupGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            Map<String, Object> offset = offset(partition);
            if (offset != null) {
                found.put(partition, offset);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    void put(SourceRecord record) {
        offsets.put((Map<String, Object>) record.sourcePartition(), new HashMap<>(record.sourceOffset()));
    }

    void put(Map<String, Object> partition, Map<String, Object> offset) {
        offsets.put(partition, offset);
    }

    /** Makes every lookup wait until {@code gate} opens. */
    void holdLookupsUntil(CountDownLatch gate) {
        lookupGate = gate;
    }

    int size() {
        return offsets.size();
    }

    SourceTaskContext context(Map<String, String> config) {
        FakeOffsetStore store = this;
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return store;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null; // the task registers no metrics
            }
        };
    }
}
