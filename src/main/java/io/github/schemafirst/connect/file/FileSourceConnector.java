package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.ConverterSettingsCheck;
import io.github.schemafirst.connect.core.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Reads records from the files of a directory, validates each against the declared value schema and writes it to
 * a topic. Tasks share the files among themselves by file identity (see {@link TaskSlot}), so the connector never
 * needs to watch the directory or reconfigure its tasks.
 */
public final class FileSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new FileSourceConfig(props); // fail fast with the key's own message
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return FileSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(TaskSlot.INDEX_CONFIG, Integer.toString(i));
            config.put(TaskSlot.COUNT_CONFIG, Integer.toString(maxTasks));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing runs in the connector itself
    }

    @Override
    public ConfigDef config() {
        return FileSourceConfig.configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = FileSourceConfigValidation.validate(connectorConfigs, super.validate(connectorConfigs));
        return ConverterSettingsCheck.addTo(result, connectorConfigs);
    }

    /** Every record carries the exact offset to resume after it, so transactions can commit offsets with it. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * Accepts offsets of this connector's shape (see {@link FileOffset}): a null offset resets a file, so it is read
     * again from its start; anything else must name a position. Offsets set without a head fingerprint are trusted
     * as they are.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            try {
                FileOffset.fileKey(entry.getKey());
                if (entry.getValue() != null) {
                    FileOffset.fromMap(entry.getValue());
                }
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Cannot alter offset for partition " + entry.getKey() + ": "
                        + e.getMessage());
            }
        }
        return true;
    }
}
