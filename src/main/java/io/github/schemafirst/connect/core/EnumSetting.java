package io.github.schemafirst.connect.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A string setting restricted to a fixed list of values: both the validator (a clear message listing the allowed
 * values) and the recommender (so UIs and {@code config/validate} show the choices).
 */
public final class EnumSetting implements ConfigDef.Validator, ConfigDef.Recommender {
    private final List<String> values;
    private final boolean nullable;

    private EnumSetting(List<String> values, boolean nullable) {
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
        this.nullable = nullable;
    }

    public static EnumSetting of(String... values) {
        return new EnumSetting(Arrays.asList(values), false);
    }

    /** Like {@link #of} but also accepts null or an empty value (meaning "not set"). */
    public static EnumSetting optional(String... values) {
        return new EnumSetting(Arrays.asList(values), true);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || value.toString().trim().isEmpty()) {
            if (nullable) {
                return;
            }
            throw new ConfigException(name, value, "must be one of " + values);
        }
        String text = value.toString().trim();
        for (String allowed : values) {
            if (allowed.equalsIgnoreCase(text)) {
                return;
            }
        }
        throw new ConfigException(name, value, "must be one of " + values);
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return new ArrayList<>(values);
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return String.join(", ", values);
    }
}
