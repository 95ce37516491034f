package io.github.schemafirst.connect.http.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A URL or body template with {@code {{name}}} placeholders. Double braces keep clear of Connect's config provider
 * syntax {@code ${provider:path:key}}, which the worker resolves before the connector sees the config.
 */
public final class Template {
    public static final String INCREMENTAL = "incremental";
    /** The id half of a composite (value, id) cursor ({@code http.incremental.mode=composite}). */
    public static final String INCREMENTAL_ID = "incremental.id";
    public static final String CURSOR = "cursor";
    public static final String VALUE = "value";
    private static final Set<String> KNOWN = Set.of(INCREMENTAL, INCREMENTAL_ID, CURSOR, VALUE);

    private final String text;
    /** Alternating literal and placeholder parts: even indices are literals, odd ones placeholder names. */
    private final List<String> parts;

    private Template(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException on an unknown or unterminated placeholder */
    public static Template parse(String text) {
        Objects.requireNonNull(text, "text");
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                parts.add(text.substring(from));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated placeholder at character " + open
                        + ": expected '}}' after '{{'");
            }
            String name = text.substring(open + 2, close).trim();
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {{" + name + "}}: expected one of "
                        + "{{incremental}}, {{incremental.id}}, {{cursor}}, {{value}}");
            }
            parts.add(text.substring(from, open));
            parts.add(name);
            from = close + 2;
        }
        return new Template(text, Collections.unmodifiableList(parts));
    }

    /** The placeholder names this template uses. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return names;
    }

    public boolean uses(String placeholder) {
        return placeholders().contains(placeholder);
    }

    /** Replaces every placeholder; a placeholder with no value becomes the empty string. */
    public String render(Map<String, String> values, Escaping escaping) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                out.append(parts.get(i));
            } else {
                String value = values.get(parts.get(i));
                out.append(value == null ? "" : escaping.escape(value));
            }
        }
        return out.toString();
    }

    /** A new template with one placeholder filled in and the others left as they are. */
    public Template fill(String placeholder, String value, Escaping escaping) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (i % 2 == 0) {
                out.append(part);
            } else if (part.equals(placeholder)) {
                out.append(escaping.escape(value));
            } else {
                out.append("{{").append(part).append("}}");
            }
        }
        return parse(out.toString());
    }

    /** The template text as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
