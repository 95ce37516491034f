package io.github.schemafirst.connect.record;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds where bytes stop being well-formed UTF-8 (RFC 3629) and says why. Every path that turns source bytes into
 * text checks here first, JSON included: Jackson's byte-level parser refuses invalid start bytes but decodes
 * overlong forms ({@code C0 AF} as {@code /}), UTF-8-encoded surrogates and code points above U+10FFFF to some
 * other text, which would silently change a record.
 */
public final class StrictUtf8 {
    /** Chars decoded per step: only the verdict is kept, so a long record needs no buffer of its own size. */
    private static final int CHUNK = 256;

    private StrictUtf8() {
    }

    /**
     * @return null when {@code bytes[from, to)} are UTF-8; otherwise what is wrong and where, the offset being an
     *     index into {@code bytes}, e.g. {@code invalid UTF-8 bytes (overlong encoding) at byte 7}
     */
    public static String problem(byte[] bytes, int from, int to) {
        // ASCII fast path: bytes >= 0x80 are negative in Java. Most records are all ASCII and cost this loop only.
        int i = from;
        while (i < to && bytes[i] >= 0) {
            i++;
        }
        if (i == to) {
            return null;
        }
        // From the first non-ASCII byte on (a character boundary), the JDK's decoder reports everything RFC 3629
        // forbids; a new decoder reports by default. n bytes never decode to more than n chars, so an empty buffer
        // of min(n, CHUNK) always has room for the next character.
        ByteBuffer in = ByteBuffer.wrap(bytes, i, to - i);
        CharBuffer out = CharBuffer.allocate(Math.min(to - i, CHUNK));
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            return null;
        }
        int at = in.position();
        return "invalid UTF-8 bytes (" + reason(bytes, at, to) + ") at byte " + at;
    }

    /**
     * Names what is wrong with the sequence the JDK's decoder refused at {@code bytes[at]}, in the terms of RFC 3629
     * section 3, so a user knows what to look for in the source. Reads at most the lead byte and the next one.
     */
    private static String reason(byte[] bytes, int at, int to) {
        int lead = bytes[at] & 0xFF;
        int next = at + 1 < to ? bytes[at + 1] & 0xFF : 0;
        if (lead < 0xC0) {
            return "unexpected continuation byte";
        }
        if (lead < 0xC2 || (lead == 0xE0 && next >= 0x80 && next < 0xA0)
                || (lead == 0xF0 && next >= 0x80 && next < 0x90)) {
            return "overlong encoding";
        }
        if (lead == 0xED && next >= 0xA0 && next < 0xC0) {
            return "encoded surrogate";
        }
        if (lead == 0xF4 && next >= 0x90 && next < 0xC0) {
            return "code point above U+10FFFF";
        }
        if (lead >= 0xF5) {
            return String.format(Locale.ROOT, "0x%02X never occurs in UTF-8", lead);
        }
        return "truncated sequence";
    }
}
