package io.github.schemafirst.connect.registry;

import java.nio.charset.StandardCharsets;

/**
 * The REST API's request paths, with subjects and versions percent-encoded as path segments: a subject may hold
 * '/', ':', '?', '%' or spaces (record names, contexts like {@code :.ctx:subject}), and must stay one segment.
 */
final class RegistryPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RegistryPaths() {
    }

    /** {@code /subjects}: every subject. */
    static String subjects() {
        return "/subjects";
    }

    /** {@code /subjects/{subject}}: looking a document up under a subject. */
    static String subject(String subject) {
        return "/subjects/" + segment(subject);
    }

    /** {@code /subjects/{subject}/versions}: registering. */
    static String versions(String subject) {
        return subject(subject) + "/versions";
    }

    /** {@code /subjects/{subject}/versions/{version}}. */
    static String version(String subject, String version) {
        return versions(subject) + "/" + segment(version);
    }

    /** {@code /compatibility/subjects/{subject}/versions/latest?verbose=true}: with the reasons when incompatible. */
    static String compatibilityWithLatest(String subject) {
        return "/compatibility/subjects/" + segment(subject) + "/versions/latest?verbose=true";
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters, from the UTF-8 bytes. Stricter than needed
     * (':' and '@' may stay), which every server decodes the same way; unlike {@code URLEncoder} it writes a space
     * as {@code %20}, not '+', which a path does not decode.
     */
    static String segment(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }
}
