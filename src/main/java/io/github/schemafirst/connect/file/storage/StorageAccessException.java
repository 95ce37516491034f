package io.github.schemafirst.connect.file.storage;

import java.io.IOException;

/**
 * The storage itself refuses the task: a bucket that does not exist, credentials that are wrong or not allowed to
 * list, a bucket in another region. Retrying will not help, so the task fails with this message (which names the
 * bucket and prefix) instead of backing off.
 */
public final class StorageAccessException extends IOException {
    private static final long serialVersionUID = 1L;

    public StorageAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
