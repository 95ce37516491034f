package io.github.schemafirst.connect.file.read;

import java.io.IOException;

/**
 * The rest of the file cannot be split into records: a JSON array broken mid-way (a streaming parser cannot find
 * the next element after a syntax error), a record over the size limit, an unreadable CSV header. Unlike an
 * invalid record, which the invalid-record policy handles and reading goes on, reading this file cannot go on.
 */
public final class MalformedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedFileException(String message) {
        super(message);
    }

    public MalformedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
