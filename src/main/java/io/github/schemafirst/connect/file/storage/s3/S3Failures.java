package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws into the exceptions a source acts on: {@link S3AccessException} (fatal: fix the
 * configuration), {@link S3ObjectChangedException} (the object was overwritten), {@link NoSuchFileException} (it
 * is gone, like a deleted local file), {@link InterruptedIOException} (aborted) and plain {@link IOException}
 * (worth retrying later: throttling, 5xx, timeouts, connection trouble, once the SDK's own retries are spent).
 *
 * <p>Messages are built from the bucket, the key, the status and S3's error code and message: never from
 * credentials or signed headers.
 */
final class S3Failures {
    private final String bucket;

    S3Failures(String bucket) {
        this.bucket = bucket;
    }

    /** A failure of an operation on one object ({@code key} non-null) or on the bucket. */
    IOException translate(String operation, String key, SdkException e) {
        String what = operation + " " + (key == null ? "s3://" + bucket : uri(key));
        if (e instanceof AbortedException || e.getCause() instanceof InterruptedIOException) {
            return new InterruptedIOException(what + " aborted");
        }
        if (e instanceof AwsServiceException) {
            return service(what, key, (AwsServiceException) e);
        }
        if (e instanceof SdkClientException && fatalClientProblem(e)) {
            return new S3AccessException(what + " failed: " + clientProblem(e), e);
        }
        return new IOException(what + " failed: " + clientProblem(e), e);
    }

    /**
     * For {@link S3Bucket#checkAccess}: a startup check, where a host that does not resolve or refuses connections
     * is as fatal as a missing bucket (the endpoint is most likely mistyped), but throttling and 5xx are not.
     */
    IOException translateAccess(String prefix, SdkException e) {
        String what = "Cannot list s3://" + bucket + "/" + prefix;
        if (e instanceof AwsServiceException) {
            IOException translated = service(what, null, (AwsServiceException) e);
            return translated;
        }
        if (e instanceof AbortedException) {
            return new InterruptedIOException(what + ": aborted");
        }
        return new S3AccessException(what + ": " + clientProblem(e), e);
    }

    private IOException service(String what, String key, AwsServiceException e) {
        int status = e.statusCode();
        String code = errorCode(e);
        String said = " (HTTP " + status + (code == null ? "" : " " + code) + message(e) + ")";
        if (status == 412 || "PreconditionFailed".equals(code)) {
            return new S3ObjectChangedException(what + ": the object changed since it was listed (its ETag no longer"
                    + " matches)" + said, e);
        }
        if ("NoSuchBucket".equals(code)) {
            return new S3AccessException(what + ": bucket '" + bucket + "' does not exist" + said, e);
        }
        if (status == 404 && key != null) {
            NoSuchFileException gone = new NoSuchFileException(uri(key), null, "the object does not exist" + said);
            gone.initCause(e);
            return gone;
        }
        if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
            String region = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                    : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
            return new S3AccessException(what + ": bucket '" + bucket + "' is in another region"
                    + (region == null ? "" : " (" + region + "): set the region to " + region)
                    + said, e);
        }
        if (status == 403 || status == 401) {
            return new S3AccessException(what + ": access denied to bucket '" + bucket
                    + "': check the credentials and the bucket policy" + said, e);
        }
        if (isRetriable(status, code, e)) {
            return new IOException(what + " failed" + (e.isThrottlingException() ? ", throttled by S3" : "") + said, e);
        }
        // Any other 4xx (400 InvalidArgument, 405, 501 NotImplemented of a limited store...): asking again is
        // asking the same wrong question.
        return new S3AccessException(what + " rejected" + said, e);
    }

    private static boolean isRetriable(int status, String code, AwsServiceException e) {
        return e.isThrottlingException() || e.retryable() || status >= 500 && status != 501 || status == 408
                || status == 429 || "RequestTimeout".equals(code) || "RequestTimeTooSkewed".equals(code);
    }

    private static String errorCode(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? null : details.errorCode();
    }

    private static String message(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String message = details == null ? null : details.errorMessage();
        return message == null || message.isEmpty() ? "" : ": " + message;
    }

    /** Credentials that cannot be found or loaded will not appear by retrying. */
    private static boolean fatalClientProblem(SdkException e) {
        String message = e.getMessage();
        return message != null && message.startsWith("Unable to load credentials");
    }

    private static String clientProblem(SdkException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof ConnectException) {
                return "connection refused (" + cause.getMessage() + ")";
            }
            if (cause instanceof SSLException) {
                return "TLS failure (" + cause.getMessage() + "); a self-signed certificate needs a trust store";
            }
        }
        return e.getMessage();
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
