package io.github.schemafirst.connect.core;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A registry version as the REST API names one: {@code latest} or a positive number. */
final class SchemaVersionValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (text.equalsIgnoreCase("latest")) {
            return;
        }
        try {
            if (Integer.parseInt(text) >= 1) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name, value, "must be 'latest' or a version number (1 or more)");
    }

    @Override
    public String toString() {
        return "latest, or a version number";
    }
}
