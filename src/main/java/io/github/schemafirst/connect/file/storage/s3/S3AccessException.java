package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

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

    /**
     * Whether nothing answered (a host that does not resolve, or refuses connections): a store not up yet, which a
     * user may accept at deploy time. What the store answered (missing bucket, refused key, wrong region), a TLS
     * failure or missing credentials is never that.
     */
    public boolean storeUnreachable() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException || cause instanceof SSLException) {
                return false;
            }
            if (cause instanceof UnknownHostException || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
