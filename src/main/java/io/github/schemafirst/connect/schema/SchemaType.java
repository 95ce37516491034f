package io.github.schemafirst.connect.schema;

import java.util.Locale;

/** The language a value schema is declared in. */
public enum SchemaType {
    AVRO,
    JSON_SCHEMA;

    /** The value users write in {@code value.schema.type}: {@code avro} or {@code json-schema}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SchemaType fromConfigValue(String value) {
        for (SchemaType type : values()) {
            if (type.configValue().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown schema type: " + value);
    }
}
