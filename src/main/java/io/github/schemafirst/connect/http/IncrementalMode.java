package io.github.schemafirst.connect.http;

import java.util.Locale;

/**
 * The values of {@code http.incremental.mode}: how the API filters on the incremental value, and so what the
 * connector keeps in the source offset to resume without losing or repeating records.
 */
public enum IncrementalMode {
    /** The API returns records with a value greater than {@code {{incremental}}}: the highest value is kept. */
    EXCLUSIVE,
    /**
     * The API returns records with a value greater than or equal to {@code {{incremental}}}: the highest value and
     * the ids of the records delivered at it are kept, and those records are dropped when they come again.
     */
    INCLUSIVE,
    /**
     * The API takes a (value, id) cursor, {@code {{incremental}}} and {@code {{incremental.id}}}, and returns the
     * records after it in (value, id) order: the highest pair is kept.
     */
    COMPOSITE;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String[] configValues() {
        IncrementalMode[] modes = values();
        String[] names = new String[modes.length];
        for (int i = 0; i < modes.length; i++) {
            names[i] = modes[i].configValue();
        }
        return names;
    }

    public static IncrementalMode fromConfigValue(String value) {
        for (IncrementalMode mode : values()) {
            if (mode.configValue().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown incremental mode: " + value);
    }
}
