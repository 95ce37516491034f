package io.github.schemafirst.connect.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders a connector's ConfigDef as the Markdown reference tables in the README, one table per group. Internal keys
 * (set by the connector itself, e.g. a task's endpoint assignment) are not for users and are left out.
 */
final class ConfigReference {
    private ConfigReference() {
    }

    static String markdown(ConfigDef def) {
        StringBuilder out = new StringBuilder();
        Map<String, ConfigDef.ConfigKey> keys = def.configKeys();
        for (String group : def.groups()) {
            List<ConfigDef.ConfigKey> inGroup = new ArrayList<>();
            for (ConfigDef.ConfigKey key : keys.values()) {
                if (group.equals(key.group) && !key.internalConfig) {
                    inGroup.add(key);
                }
            }
            if (inGroup.isEmpty()) {
                continue;
            }
            inGroup.sort(Comparator.comparingInt(k -> k.orderInGroup));
            out.append("**").append(group).append("**\n\n");
            out.append("| key | type | default | valid values | description |\n");
            out.append("|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : inGroup) {
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase()).append(" | ")
                        .append(defaultOf(key)).append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        if (value == null || value instanceof Password) {
            return "";
        }
        String text = value instanceof List ? String.join(",", ((List<?>) value).stream().map(String::valueOf)
                .toArray(String[]::new)) : ConfigDef.convertToString(value, key.type);
        return text == null || text.isEmpty() ? "\"\"" : "`" + cell(text) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
