package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.core.ConverterSettingsCheck;
import io.github.schemafirst.connect.core.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Polls HTTP endpoints (JSON APIs) and writes each record, validated and mapped under the declared schema, to a
 * topic. Endpoints are spread over the tasks; each endpoint is a source partition whose offset records the
 * incremental value and the page reached.
 */
public class HttpSourceConnector extends SourceConnector {
    private Map<String, String> props;
    private int endpointCount;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        HttpSourceConfig config = new HttpSourceConfig(props);
        Map<String, List<String>> problems = HttpConfigValidation.check(config);
        if (!problems.isEmpty()) {
            Map.Entry<String, List<String>> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + ": " + String.join("; ", first.getValue())
                    + (problems.size() > 1 ? " (and problems with " + (problems.size() - 1) + " more key(s): "
                    + problems.keySet().stream().skip(1).collect(Collectors.joining(", ")) + ")" : ""));
        }
        this.props = new HashMap<>(props);
        this.endpointCount = Endpoints.all(config).size();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HttpSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<Integer> group : Endpoints.assign(endpointCount, maxTasks)) {
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(HttpSourceConfig.TASK_ENDPOINTS_CONFIG,
                    group.stream().map(String::valueOf).collect(Collectors.joining(",")));
            configs.add(taskProps);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing to release: tasks own their HTTP clients
    }

    @Override
    public ConfigDef config() {
        return HttpSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, String> parseable = new HashMap<>(connectorConfigs);
        // a missing topic is already reported above and concerns no cross-key check: let the others run
        parseable.putIfAbsent(HttpSourceConfig.TOPIC_CONFIG, "topic-not-set");
        HttpSourceConfig config;
        try {
            config = new HttpSourceConfig(parseable);
        } catch (ConfigException e) {
            // a single-key error, already reported above, stops the cross-key checks
            return ConverterSettingsCheck.addTo(result, connectorConfigs);
        }
        Map<String, List<String>> problems = HttpConfigValidation.check(config);
        for (ConfigValue value : result.configValues()) {
            for (String message : problems.getOrDefault(value.name(), List.of())) {
                value.addErrorMessage(message);
            }
        }
        return ConverterSettingsCheck.addTo(result, connectorConfigs);
    }

    /**
     * Accepts offsets written with the REST API ({@code PATCH /connectors/{name}/offsets}) when they have the shape
     * the task reads: partition {@code {"endpoint": "<url template>"}}, offset with {@code incremental} (to restart
     * from a given value) and optionally the {@code cycle.*} keys, or null to start that endpoint from scratch.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            if (partition == null || !(partition.get(Endpoint.PARTITION_KEY) instanceof String)
                    || partition.size() != 1) {
                throw new ConnectException("expected a source partition {\"" + Endpoint.PARTITION_KEY
                        + "\": \"<url template>\"}, got " + partition);
            }
            Map<String, ?> offset = entry.getValue();
            if (offset == null) {
                continue;
            }
            for (Map.Entry<String, ?> field : offset.entrySet()) {
                String key = field.getKey();
                Object value = field.getValue();
                boolean ok;
                if (key.equals(EndpointOffset.SKIP_KEY)) {
                    ok = value instanceof Number && ((Number) value).longValue() >= 0;
                } else if (key.equals(EndpointOffset.INCREMENTAL_KEY) || key.equals(EndpointOffset.PAGE_KEY)
                        || key.equals(EndpointOffset.MAX_KEY)) {
                    ok = value instanceof String;
                } else {
                    throw new ConnectException("unknown offset key '" + key + "' for " + partition
                            + ": expected incremental, cycle.page, cycle.skip, cycle.max");
                }
                if (!ok) {
                    throw new ConnectException("offset key '" + key + "' for " + partition + ": expected "
                            + (key.equals(EndpointOffset.SKIP_KEY) ? "a number >= 0" : "a string") + ", got "
                            + value);
                }
            }
            if (offset.containsKey(EndpointOffset.SKIP_KEY) != offset.containsKey(EndpointOffset.PAGE_KEY)) {
                throw new ConnectException("offset for " + partition + ": cycle.page and cycle.skip go together");
            }
        }
        return true;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // offsets are per record and a restart re-requests from the last committed one: the worker's
        // transactions make the records and their offsets atomic
        return ExactlyOnceSupport.SUPPORTED;
    }
}
