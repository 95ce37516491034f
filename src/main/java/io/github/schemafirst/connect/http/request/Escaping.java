package io.github.schemafirst.connect.http.request;

import java.nio.charset.StandardCharsets;

/** How a value is written into a template: percent-encoded for URLs, string-escaped for JSON bodies. */
public enum Escaping {
    /** RFC 3986: everything but unreserved characters is percent-encoded (safe in a path or a query). */
    URL {
        @Override
        public String escape(String value) {
            StringBuilder out = new StringBuilder(value.length() + 16);
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '~') {
                    out.append((char) c);
                } else {
                    out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            }
            return out.toString();
        }
    },
    /** The content of a JSON string (without the quotes), so a value can never break out of its string. */
    JSON {
        @Override
        public String escape(String value) {
            StringBuilder out = new StringBuilder(value.length() + 16);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"':
                        out.append("\\\"");
                        break;
                    case '\\':
                        out.append("\\\\");
                        break;
                    case '\n':
                        out.append("\\n");
                        break;
                    case '\r':
                        out.append("\\r");
                        break;
                    case '\t':
                        out.append("\\t");
                        break;
                    default:
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                }
            }
            return out.toString();
        }
    },
    /** Inserted as is. */
    NONE {
        @Override
        public String escape(String value) {
            return value;
        }
    };

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public abstract String escape(String value);
}
