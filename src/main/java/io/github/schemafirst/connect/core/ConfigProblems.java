package io.github.schemafirst.connect.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Problems found by a check that runs on the raw connector config, keyed by the setting a user has to change, and
 * merged into a {@code validate()} result: keys the connector does not define (such as {@code value.converter.*})
 * get an entry of their own, so {@code PUT /connector-plugins/{class}/config/validate} shows them too.
 */
final class ConfigProblems implements CommonConfigValidation.Problems {
    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    @Override
    public void add(String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    Map<String, List<String>> asMap() {
        return problems;
    }

    /** {@code result} with every problem added to the value of its key. */
    Config addTo(Config result, Map<String, String> connectorConfig) {
        if (problems.isEmpty()) {
            return result;
        }
        List<ConfigValue> values = new ArrayList<>(result.configValues());
        for (Map.Entry<String, List<String>> problem : problems.entrySet()) {
            ConfigValue target = null;
            for (ConfigValue value : values) {
                if (value.name().equals(problem.getKey())) {
                    target = value;
                }
            }
            if (target == null) {
                target = new ConfigValue(problem.getKey(), connectorConfig.get(problem.getKey()),
                        new ArrayList<>(), new ArrayList<>());
                values.add(target);
            }
            for (String message : problem.getValue()) {
                target.addErrorMessage(message);
            }
        }
        return new Config(values);
    }

    /** Whether {@code result} already reports an error on any of {@code keys}. */
    static boolean hasErrors(Config result, String... keys) {
        for (ConfigValue value : result.configValues()) {
            for (String key : keys) {
                if (value.name().equals(key) && !value.errorMessages().isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
