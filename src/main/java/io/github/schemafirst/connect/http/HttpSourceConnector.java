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
            taskProps.put(HttpTaskMetrics.TASK_INDEX_CONFIG, Integer.toString(configs.size()));
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
     * Accepts offsets written with the REST API ({@code PATCH /connectors/{name}/offsets}) when they have a shape the
     * task reads: partition {@code {"endpoint": "<url template>"}} naming one of the configured endpoints, offset
     * with {@code incremental} (to restart from a given value, a string or a number) and optionally the ids or id
     * of the inclusive and composite modes and the {@code cycle.*} keys, exactly as the task writes them; or null,
     * which removes the partition's offset (allowed for any partition, so offsets of endpoints no longer configured
     * can be cleaned up, and {@code DELETE /connectors/{name}/offsets} always works).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<String> endpoints = null;
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
            if (endpoints == null) {
                endpoints = configuredEndpoints(connectorConfig);
            }
            Object endpoint = partition.get(Endpoint.PARTITION_KEY);
            if (!endpoints.contains(endpoint)) {
                throw new ConnectException("partition " + partition + " is not an endpoint of this connector: expected "
                        + "one of " + endpoints.stream().map(e -> "{\"" + Endpoint.PARTITION_KEY + "\": \"" + e + "\"}")
                        .collect(Collectors.joining(", ")) + " (a null offset, which removes a partition's offset, "
                        + "is accepted for any partition)");
            }
            for (Map.Entry<String, ?> field : offset.entrySet()) {
                String problem = offsetValueProblem(field.getKey(), field.getValue());
                if (problem != null) {
                    throw new ConnectException("offset for " + partition + ": " + problem);
                }
            }
            if (offset.containsKey(EndpointOffset.SKIP_KEY) != offset.containsKey(EndpointOffset.PAGE_KEY)) {
                throw new ConnectException("offset for " + partition + ": cycle.page and cycle.skip go together");
            }
            if (!offset.containsKey(EndpointOffset.PAGE_KEY)) {
                for (String key : List.of(EndpointOffset.MAX_KEY, EndpointOffset.MAX_IDS_KEY,
                        EndpointOffset.MAX_ID_KEY)) {
                    if (offset.containsKey(key)) {
                        throw new ConnectException("offset for " + partition + ": " + key + " belongs to a cycle under "
                                + "way and needs cycle.page and cycle.skip");
                    }
                }
            }
        }
        return true;
    }

    private static List<String> configuredEndpoints(Map<String, String> connectorConfig) {
        try {
            List<String> ids = new ArrayList<>();
            for (Endpoint endpoint : Endpoints.all(new HttpSourceConfig(connectorConfig))) {
                ids.add(endpoint.id());
            }
            return ids;
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConnectException("cannot tell the connector's endpoints from its configuration: "
                    + e.getMessage(), e);
        }
    }

    /** Why a value cannot be stored under an offset key, or null when it can. */
    private static String offsetValueProblem(String key, Object value) {
        switch (key) {
            case EndpointOffset.INCREMENTAL_KEY:
            case EndpointOffset.MAX_KEY:
            case EndpointOffset.INCREMENTAL_ID_KEY:
            case EndpointOffset.MAX_ID_KEY:
                return value instanceof String || isNumber(value) ? null
                        : "'" + key + "': expected a string or a number, got " + describe(value);
            case EndpointOffset.PAGE_KEY:
                return value instanceof String || isIntegral(value) ? null
                        : "'" + key + "': expected a page token (a string, or a page number), got " + describe(value);
            case EndpointOffset.SKIP_KEY:
                return isIntegral(value) && ((Number) value).longValue() >= 0 ? null
                        : "'" + key + "': expected a whole number >= 0, got " + describe(value);
            case EndpointOffset.INCREMENTAL_IDS_KEY:
            case EndpointOffset.MAX_IDS_KEY:
                if (!(value instanceof String)) {
                    return "'" + key + "': expected a JSON array of ids as a string, e.g. "
                            + "\"[\\\"a\\\",\\\"b\\\"]\", got " + describe(value);
                }
                try {
                    BoundaryIds.parse((String) value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return "'" + key + "': " + e.getMessage();
                }
            default:
                return "unknown offset key '" + key + "': expected " + String.join(", ",
                        EndpointOffset.INCREMENTAL_KEY, EndpointOffset.INCREMENTAL_IDS_KEY,
                        EndpointOffset.INCREMENTAL_ID_KEY, EndpointOffset.PAGE_KEY, EndpointOffset.SKIP_KEY,
                        EndpointOffset.MAX_KEY, EndpointOffset.MAX_IDS_KEY, EndpointOffset.MAX_ID_KEY);
        }
    }

    private static boolean isNumber(Object value) {
        return value instanceof Number && !(value instanceof Double && (((Double) value).isNaN()
                || ((Double) value).isInfinite()));
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // offsets are per record and a restart re-requests from the last committed one: the worker's
        // transactions make the records and their offsets atomic
        return ExactlyOnceSupport.SUPPORTED;
    }
}
