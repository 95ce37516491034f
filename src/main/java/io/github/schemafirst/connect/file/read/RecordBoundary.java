package io.github.schemafirst.connect.file.read;

/**
 * Finds where a record ends in a line-oriented file. Called once per buffer segment (never per byte through an
 * interface), so a plain line split stays a tight loop over the buffer.
 */
interface RecordBoundary {

    /** Every line feed ends a record. */
    RecordBoundary LINE = new RecordBoundary() {
        @Override
        public int findEnd(byte[] buf, int from, int to) {
            for (int i = from; i < to; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean spansLines() {
            return false;
        }
    };

    /**
     * Scans {@code buf[from, to)}, the continuation of the current record.
     *
     * @return the index of the line feed that ends the record, or -1 when the record goes on past {@code to}
     *     (the scanned bytes are then part of the boundary's state; the next call continues at {@code to})
     */
    int findEnd(byte[] buf, int from, int to);

    /** Forgets the state of the record just ended. */
    void reset();

    /** Whether a record may contain line feeds (then the reader counts them to keep line numbers right). */
    boolean spansLines();
}
