package io.github.schemafirst.connect.file;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which share of the files a task reads: task {@code index} of {@code count} reads the files whose identity hashes
 * to its index. Every task lists the whole directory and keeps its share, so a new file is read by exactly one
 * task without any reconfiguration.
 */
final class TaskSlot {
    static final String INDEX_CONFIG = "task.index";
    static final String COUNT_CONFIG = "task.count";

    private final int index;
    private final int count;

    TaskSlot(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("task " + index + " of " + count + " does not exist");
        }
        this.index = index;
        this.count = count;
    }

    /** Reads the slot the connector added to a task's config; a config without one is the only task. */
    static TaskSlot from(Map<String, String> taskConfig) {
        String index = taskConfig.get(INDEX_CONFIG);
        String count = taskConfig.get(COUNT_CONFIG);
        if (index == null && count == null) {
            return new TaskSlot(0, 1);
        }
        try {
            return new TaskSlot(Integer.parseInt(index), Integer.parseInt(count));
        } catch (RuntimeException e) {
            throw new ConfigException("bad task slot " + INDEX_CONFIG + "=" + index + ", " + COUNT_CONFIG + "=" + count);
        }
    }

    /** String.hashCode is specified, so every task on every worker agrees on who owns a file. */
    boolean owns(String fileKey) {
        return Math.floorMod(fileKey.hashCode(), count) == index;
    }

    int index() {
        return index;
    }

    int count() {
        return count;
    }

    @Override
    public String toString() {
        return "task " + index + " of " + count;
    }
}
