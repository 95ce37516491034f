package io.github.schemafirst.connect.file;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validates a setting that must be exactly one character (a CSV delimiter or quote); {@code \t} means tab. */
final class SingleCharacter implements ConfigDef.Validator {

    static char parse(String value) {
        if ("\\t".equals(value)) {
            return '\t';
        }
        return value.charAt(0);
    }

    @Override
    public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString();
        if (text.length() != 1 && !"\\t".equals(text)) {
            throw new ConfigException(name, value, "must be exactly one character (or \\t for tab)");
        }
    }

    @Override
    public String toString() {
        return "a single character";
    }
}
