package io.github.schemafirst.connect.file.read;

import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * How CSV files are written: header row, delimiter, quote, escape and null marker. Immutable; start from
 * {@link #defaults()} (RFC 4180 with a header row) and change what differs.
 *
 * <p>The null marker is compared with <em>unquoted</em> cells only, so with the default marker {@code ""} an empty
 * cell ({@code a,,c}) is null while a quoted empty cell ({@code a,"",c}) is the empty string. A null marker of
 * {@code null} turns that off: every cell is text.
 */
public final class CsvOptions {
    private static final CsvOptions DEFAULTS = new CsvOptions(true, ',', '"', null, "");

    private final boolean header;
    private final char delimiter;
    private final char quote;
    private final Character escape;
    private final String nullMarker;

    private CsvOptions(boolean header, char delimiter, char quote, Character escape, String nullMarker) {
        // The record splitter scans raw UTF-8 bytes for these characters: they must be single-byte (ASCII), and
        // none may be a line terminator or collide with another.
        requireAscii("delimiter", delimiter);
        requireAscii("quote", quote);
        if (escape != null) {
            requireAscii("escape", escape);
            if (escape == delimiter || escape == quote) {
                throw new IllegalArgumentException("CSV escape must differ from the delimiter and the quote");
            }
        }
        if (delimiter == quote) {
            throw new IllegalArgumentException("CSV delimiter and quote must differ, both are '" + delimiter + "'");
        }
        this.header = header;
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
        this.nullMarker = nullMarker;
    }

    private static void requireAscii(String what, char c) {
        if (c == '\n' || c == '\r' || c == 0 || c > 127) {
            throw new IllegalArgumentException("CSV " + what + " must be a single ASCII character other than CR/LF, got "
                    + (c > 31 && c < 127 ? "'" + c + "'" : "U+" + Integer.toHexString(c)));
        }
    }

    /** Header row, {@code ,} delimiter, {@code "} quote (doubled inside quotes), no escape, empty cell = null. */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    /** Whether the first row names the columns; without it, columns bind to the value schema's fields in order. */
    public boolean header() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    public char quote() {
        return quote;
    }

    /** The escape character, or null for none (RFC 4180: a quote inside quotes is written twice). */
    public Character escape() {
        return escape;
    }

    /** The unquoted cell text that means null, or null when no cell is null. */
    public String nullMarker() {
        return nullMarker;
    }

    public CsvOptions withHeader(boolean header) {
        return new CsvOptions(header, delimiter, quote, escape, nullMarker);
    }

    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(header, delimiter, quote, escape, nullMarker);
    }

    public CsvOptions withQuote(char quote) {
        return new CsvOptions(header, delimiter, quote, escape, nullMarker);
    }

    /** @param escape the escape character, or null for none */
    public CsvOptions withEscape(Character escape) {
        return new CsvOptions(header, delimiter, quote, escape, nullMarker);
    }

    /** @param nullMarker the unquoted cell text meaning null, or null for none */
    public CsvOptions withNullMarker(String nullMarker) {
        return new CsvOptions(header, delimiter, quote, escape, nullMarker);
    }

    /** The commons-csv format that parses one row written with these options. */
    public CSVFormat toCsvFormat() {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setQuote(quote)
                .setEscape(escape)
                .setNullString(nullMarker)
                // With a null marker, ALL_NON_NULL makes commons-csv compare it with unquoted cells only (a quoted
                // "" or "NULL" stays text). Without one it must be unset: it would turn every empty cell into null.
                .setQuoteMode(nullMarker == null ? null : QuoteMode.ALL_NON_NULL)
                .get();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CsvOptions)) {
            return false;
        }
        CsvOptions other = (CsvOptions) o;
        return header == other.header && delimiter == other.delimiter && quote == other.quote
                && Objects.equals(escape, other.escape) && Objects.equals(nullMarker, other.nullMarker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, delimiter, quote, escape, nullMarker);
    }

    @Override
    public String toString() {
        return "CsvOptions{header=" + header + ", delimiter='" + delimiter + "', quote='" + quote + "', escape="
                + (escape == null ? "none" : "'" + escape + "'") + ", nullMarker="
                + (nullMarker == null ? "none" : "\"" + nullMarker + "\"") + "}";
    }
}
