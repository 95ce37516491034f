package io.github.schemafirst.connect.file.storage;

import java.io.IOException;

/**
 * The object was overwritten while it was read (its ETag no longer matches): the bytes read so far belong to the
 * old object. The next listing shows the new one, which is read from its start.
 */
public final class StoredFileChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoredFileChangedException(String message, Throwable cause) {
        super(message, cause);
    }
}
