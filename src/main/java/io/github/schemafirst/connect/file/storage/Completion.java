package io.github.schemafirst.connect.file.storage;

import java.io.IOException;

/**
 * What happens to a file once its records are committed: {@code file.completed.action} for a file read to its end,
 * or the move into {@code file.error.dir} for a broken one.
 */
public interface Completion {
    CompletionAction action();

    /**
     * Runs the action; a failure leaves the file where it was (to be tried again).
     *
     * @return where the file is now, for the log
     */
    String complete(StoredFile file, String description) throws IOException;
}
