package io.github.schemafirst.connect.file;

import java.util.Locale;

/** PLACEHOLDER (replaced by the filereader branch): the record formats a file can hold. */
public enum FileFormat {
    JSONL,
    JSON_ARRAY,
    CSV,
    LINES;

    /** The value users write in {@code file.format}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FileFormat fromConfigValue(String value) {
        for (FileFormat format : values()) {
            if (format.configValue().equalsIgnoreCase(value.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown file format: " + value);
    }
}
