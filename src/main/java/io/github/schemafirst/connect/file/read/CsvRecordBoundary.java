package io.github.schemafirst.connect.file.read;

/**
 * Ends a CSV record at a line feed outside quotes, so a quoted cell may contain line breaks. A quote only opens a
 * quoted cell at the start of a cell, as in RFC 4180 and commons-csv; a doubled quote inside quotes is a literal
 * quote and so is a quote after the escape character. Working on raw bytes is safe because the delimiter, quote
 * and escape are ASCII and UTF-8 never uses ASCII bytes inside a multi-byte character.
 */
final class CsvRecordBoundary implements RecordBoundary {
    private final byte delimiter;
    private final byte quote;
    private final int escape;

    private boolean inQuotes;
    private boolean atCellStart = true;
    /** Inside quotes, a quote was the segment's last byte: whether it closes the cell depends on the next byte. */
    private boolean pendingQuote;
    private boolean pendingEscape;

    CsvRecordBoundary(CsvOptions options) {
        this.delimiter = (byte) options.delimiter();
        this.quote = (byte) options.quote();
        this.escape = options.escape() == null ? -1 : (byte) options.escape().charValue();
    }

    @Override
    public int findEnd(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (pendingEscape) {
                pendingEscape = false;
                atCellStart = false;
                continue;
            }
            if (pendingQuote) {
                pendingQuote = false;
                if (b == quote) {
                    continue; // a doubled quote: literal, still inside quotes
                }
                inQuotes = false; // the previous quote closed the cell; b is handled as outside quotes
            }
            if (escape >= 0 && b == escape) {
                pendingEscape = true;
            } else if (inQuotes) {
                if (b == quote) {
                    pendingQuote = true;
                }
            } else if (b == '\n') {
                return i;
            } else if (b == delimiter) {
                atCellStart = true;
            } else if (b == quote && atCellStart) {
                inQuotes = true;
                atCellStart = false;
            } else {
                atCellStart = false;
            }
        }
        return -1;
    }

    @Override
    public void reset() {
        inQuotes = false;
        atCellStart = true;
        pendingQuote = false;
        pendingEscape = false;
    }

    @Override
    public boolean spansLines() {
        return true;
    }
}
