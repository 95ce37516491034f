package io.github.schemafirst.connect.file.read;

import java.io.IOException;

/**
 * The file is now shorter than a position already read or about to be resumed from: it was truncated or replaced
 * by a shorter file. The reader cannot tell what happened to the records it has not read; the task decides.
 */
public final class TruncatedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public TruncatedFileException(String message) {
        super(message);
    }
}
