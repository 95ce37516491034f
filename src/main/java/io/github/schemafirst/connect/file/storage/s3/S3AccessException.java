package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;

/**
 * A problem that retrying will not fix: the bucket does not exist, the credentials are wrong or not allowed
 * (403), the bucket lives in another region (301), the endpoint's host is unknown. The task should fail with this
 * message rather than back off and try again.
 *
 * <p>An {@link IOException}, not a runtime exception: every {@link S3Bucket} method already throws
 * {@code IOException}, so the fatal case travels the same paths (the compiler makes callers handle it, and
 * resources are closed the same way); a caller that treats I/O failures as retriable catches this one first.
 * Messages name the bucket and what S3 said, never credentials.
 */
public final class S3AccessException extends IOException {
    private static final long serialVersionUID = 1L;

    public S3AccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
