package io.github.schemafirst.connect.http.auth;

import java.util.Locale;

/** The values of {@code http.auth.type}. */
public enum AuthType {
    NONE, BASIC, BEARER, API_KEY, OAUTH2_CLIENT_CREDENTIALS;

    /** The value users write: {@code none}, {@code basic}, {@code bearer}, {@code api-key}, ... */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String[] configValues() {
        AuthType[] types = values();
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].configValue();
        }
        return names;
    }

    public static AuthType fromConfigValue(String value) {
        for (AuthType type : values()) {
            if (type.configValue().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown auth type: " + value);
    }
}
