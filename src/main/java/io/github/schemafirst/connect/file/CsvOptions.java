package io.github.schemafirst.connect.file;

/** PLACEHOLDER (replaced by the filereader branch): how CSV files are written. */
public final class CsvOptions {
    private final boolean header;
    private final char delimiter;
    private final char quote;
    private final String nullValue;

    public CsvOptions(boolean header, char delimiter, char quote, String nullValue) {
        this.header = header;
        this.delimiter = delimiter;
        this.quote = quote;
        this.nullValue = nullValue;
    }

    public boolean header() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    public char quote() {
        return quote;
    }

    public String nullValue() {
        return nullValue;
    }
}
