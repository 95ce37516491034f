package io.github.schemafirst.connect.file;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** An in-memory offset store and task context, playing the worker's part in task tests. */
final class FakeOffsetStore implements OffsetStorageReader {
    private final Map<Map<String, Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets.get((Map<String, Object>) partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
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
