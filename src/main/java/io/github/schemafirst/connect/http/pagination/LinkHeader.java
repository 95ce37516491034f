package io.github.schemafirst.connect.http.pagination;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code Link} header values (RFC 8288): {@code <uri>; rel="next"; title="x", <uri2>; rel="prev last"}.
 * Commas and semicolons inside quoted parameter values and inside the {@code <...>} target are respected; a
 * {@code rel} may list several relation types separated by spaces; relation types compare case-insensitively.
 */
public final class LinkHeader {
    private LinkHeader() {
    }

    /** The target of the first link with relation {@code rel} across all the header values. */
    public static Optional<String> target(List<String> headerValues, String rel) {
        for (String value : headerValues) {
            Optional<String> found = target(value, rel);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static Optional<String> target(String header, String rel) {
        String wanted = rel.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = header.length();
        while (i < n) {
            int open = header.indexOf('<', i);
            if (open < 0) {
                return Optional.empty();
            }
            int close = header.indexOf('>', open + 1);
            if (close < 0) {
                return Optional.empty();
            }
            String target = header.substring(open + 1, close).trim();
            i = close + 1;
            // parameters up to the next top-level comma
            boolean matches = false;
            while (i < n && header.charAt(i) != ',') {
                if (header.charAt(i) != ';') {
                    i++;
                    continue;
                }
                i++;
                int nameStart = i;
                while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';' && header.charAt(i) != ',') {
                    i++;
                }
                String name = header.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
                String value = "";
                if (i < n && header.charAt(i) == '=') {
                    i++;
                    while (i < n && header.charAt(i) == ' ') {
                        i++;
                    }
                    if (i < n && header.charAt(i) == '"') {
                        StringBuilder quoted = new StringBuilder();
                        i++;
                        while (i < n && header.charAt(i) != '"') {
                            if (header.charAt(i) == '\\' && i + 1 < n) {
                                i++;
                            }
                            quoted.append(header.charAt(i));
                            i++;
                        }
                        i++;
                        value = quoted.toString();
                    } else {
                        int valueStart = i;
                        while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
                            i++;
                        }
                        value = header.substring(valueStart, i).trim();
                    }
                }
                if (name.equals("rel")) {
                    for (String relType : value.trim().split("\\s+")) {
                        if (relType.toLowerCase(Locale.ROOT).equals(wanted)) {
                            matches = true;
                        }
                    }
                }
            }
            if (matches) {
                return Optional.of(target);
            }
            i++;
        }
        return Optional.empty();
    }
}
