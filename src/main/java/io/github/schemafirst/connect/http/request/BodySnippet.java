package io.github.schemafirst.connect.http.request;

import java.nio.charset.StandardCharsets;

/** The start of a response body for an error message: enough to recognise it, never the whole of a large body. */
public final class BodySnippet {
    static final int MAX_CHARS = 300;

    private BodySnippet() {
    }

    public static String of(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, 0, Math.min(body.length, MAX_CHARS * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
    }
}
