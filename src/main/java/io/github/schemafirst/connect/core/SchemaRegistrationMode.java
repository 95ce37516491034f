package io.github.schemafirst.connect.core;

import java.util.Locale;

/** Who registers the value schema in the schema registry ({@code value.schema.registration}). */
public enum SchemaRegistrationMode {
    /** The value converter registers what it derives from the Connect schema (its auto-registration). */
    CONVERTER,
    /** Each task registers the declared document as written; the converter serializes with the latest version. */
    CONNECTOR;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SchemaRegistrationMode fromConfigValue(String value) {
        for (SchemaRegistrationMode mode : values()) {
            if (mode.configValue().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown schema registration mode: " + value);
    }
}
