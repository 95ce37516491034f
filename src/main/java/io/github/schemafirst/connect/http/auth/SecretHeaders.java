package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.request.Header;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code http.auth.secret.headers}: {@code Name: value} items separated by commas or new lines. A comma
 * starts a new header only when a header name and a colon follow it, so values may contain commas. Error messages
 * never quote a value.
 */
public final class SecretHeaders {
    private SecretHeaders() {
    }

    /** @throws IllegalArgumentException when an item has no header name before its colon */
    public static List<Header> parse(String text) {
        List<Header> headers = new ArrayList<>();
        if (text == null || text.trim().isEmpty()) {
            return headers;
        }
        String name = null;
        StringBuilder value = null;
        int item = 0;
        for (String line : text.split("\\r?\\n")) {
            String[] parts = line.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                int colon = part.indexOf(':');
                String candidate = colon < 0 ? "" : part.substring(0, colon).trim();
                if (!candidate.isEmpty() && candidate.chars().allMatch(SecretHeaders::isTokenChar)) {
                    if (name != null) {
                        headers.add(new Header(name, value.toString().trim()));
                    }
                    item++;
                    name = candidate;
                    value = new StringBuilder(part.substring(colon + 1));
                } else if (i > 0 && name != null && !(part.isEmpty() && i == parts.length - 1)) {
                    // a comma inside the value
                    value.append(',').append(part);
                } else if (!part.trim().isEmpty()) {
                    throw new IllegalArgumentException("item " + (item + 1) + ": expected 'Name: value' (the value "
                            + "is not shown: it is a secret)");
                }
            }
        }
        if (name != null) {
            headers.add(new Header(name, value.toString().trim()));
        }
        return headers;
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
