package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;

/**
 * The object no longer has the ETag the caller expected (S3 answered 412 Precondition Failed to If-Match): it was
 * overwritten since it was listed or since reading began. Reading on would mix two versions; the caller decides
 * whether to start the new version over.
 */
public final class S3ObjectChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    public S3ObjectChangedException(String message, Throwable cause) {
        super(message, cause);
    }
}
