package io.github.schemafirst.connect.http.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A request header from {@code http.headers}. */
public final class Header {
    private final String name;
    private final String value;

    public Header(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /**
     * Parses the {@code http.headers} list. Connect splits list values on commas, so an item without a colon is
     * the rest of the previous header's value ({@code Accept: a, b} arrives as {@code ["Accept: a", "b"]}).
     *
     * @throws IllegalArgumentException when the first item has no colon or a header name is empty
     */
    public static List<Header> parseList(List<String> items) {
        List<String> names = new ArrayList<>();
        List<StringBuilder> values = new ArrayList<>();
        for (String raw : items) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("expected 'Name: value', got '" + item + "'");
                }
                values.get(values.size() - 1).append(", ").append(item);
                continue;
            }
            String name = item.substring(0, colon).trim();
            if (name.isEmpty() || !name.chars().allMatch(Header::isTokenChar)) {
                throw new IllegalArgumentException("expected a header name before ':', got '" + item + "'");
            }
            names.add(name);
            values.add(new StringBuilder(item.substring(colon + 1).trim()));
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            headers.add(new Header(names.get(i), values.get(i).toString()));
        }
        return headers;
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
