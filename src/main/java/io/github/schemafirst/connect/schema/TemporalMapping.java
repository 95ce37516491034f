package io.github.schemafirst.connect.schema;

import java.util.Locale;

/**
 * How JSON Schema strings declared with {@code format: date-time | date | time} map to Connect. The issue is the
 * converter: Confluent's JsonSchemaConverter writes Connect's Timestamp/Date/Time as integers, so a declared
 * document that says "RFC 3339 string" only describes the written JSON when such fields stay strings.
 */
public enum TemporalMapping {
    /** Connect Timestamp / Date / Time logical types: usable by sinks and {@code timestamp.field}. */
    LOGICAL,
    /** Plain STRING, validated as RFC 3339 by the JSON Schema validator: the written JSON matches the document. */
    STRING;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TemporalMapping fromConfigValue(String value) {
        for (TemporalMapping mapping : values()) {
            if (mapping.configValue().equalsIgnoreCase(value.trim())) {
                return mapping;
            }
        }
        throw new IllegalArgumentException("unknown temporal mapping: " + value);
    }
}
