package io.github.schemafirst.connect.file.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a file's bytes are split into records; see {@code docs/file-formats.md} for each format's rules. */
public enum FileFormat {
    /** One JSON value per line (JSON Lines / NDJSON). */
    JSONL,
    /** The whole file is one JSON array whose elements are the records (or a single JSON object: one record). */
    JSON_ARRAY,
    /** Comma (or other delimiter) separated values, optionally with a header row. */
    CSV,
    /** Each line is one text record. */
    LINES;

    /** The value users write in the config: {@code jsonl}, {@code json-array}, {@code csv}, {@code lines}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the allowed values when {@code value} is none of them */
    public static FileFormat fromConfigValue(String value) {
        String wanted = value == null ? "" : value.trim();
        for (FileFormat format : values()) {
            if (format.configValue().equalsIgnoreCase(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown file format '" + value + "': expected one of " + configValues());
    }

    /** All config values, in declaration order (for validators and recommenders). */
    public static List<String> configValues() {
        List<String> names = new ArrayList<>();
        for (FileFormat format : values()) {
            names.add(format.configValue());
        }
        return names;
    }
}
