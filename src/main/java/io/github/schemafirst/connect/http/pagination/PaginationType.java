package io.github.schemafirst.connect.http.pagination;

import java.util.Locale;

/** The values of {@code http.pagination.type}. */
public enum PaginationType {
    NONE, PAGE_NUMBER, OFFSET_LIMIT, CURSOR, NEXT_URL, LINK_HEADER;

    /** The value users write: {@code none}, {@code page-number}, {@code link-header}, ... */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String[] configValues() {
        PaginationType[] types = values();
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].configValue();
        }
        return names;
    }

    public static PaginationType fromConfigValue(String value) {
        for (PaginationType type : values()) {
            if (type.configValue().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown pagination type: " + value);
    }
}
