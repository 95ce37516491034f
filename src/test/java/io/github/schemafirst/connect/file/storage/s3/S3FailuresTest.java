package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;

/** The sorting of SDK failures, including the ones s3proxy cannot produce (301 wrong region, 500, 429). */
class S3FailuresTest {
    private final S3Failures failures = new S3Failures("my-bucket");

    private static S3Exception s3(int status, String code, String message, String bucketRegion) {
        SdkHttpResponse.Builder http = SdkHttpResponse.builder().statusCode(status);
        if (bucketRegion != null) {
            http.putHeader("x-amz-bucket-region", bucketRegion);
        }
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .sdkHttpResponse(http.build()).build())
                .build();
    }

    @Test
    void wrongRegionIsFatalWithTheRegionToSet() {
        IOException e = failures.translateAccess("in/", s3(301, "PermanentRedirect",
                "The bucket you are attempting to access must be addressed using the specified endpoint.", "eu-west-2"));

        assertThat(e).isInstanceOf(S3AccessException.class)
                .hasMessageContaining("s3://my-bucket/in/").hasMessageContaining("another region")
                .hasMessageContaining("set the region to eu-west-2").hasMessageContaining("301");
    }

    @Test
    void wrongRegionWithoutAHintIsFatalToo() {
        assertThat(failures.translate("GET", "k", s3(301, null, null, null))).isInstanceOf(S3AccessException.class)
                .hasMessageContaining("another region");
        assertThat(failures.translate("LIST", "", s3(400, "AuthorizationHeaderMalformed",
                "the region 'us-east-1' is wrong; expecting 'eu-west-1'", null)))
                .isInstanceOf(S3AccessException.class).hasMessageContaining("expecting 'eu-west-1'");
    }

    @Test
    void accessDeniedAndMissingBucketAreFatal() {
        assertThat(failures.translate("GET", "k", s3(403, "AccessDenied", "Access Denied", null)))
                .isInstanceOf(S3AccessException.class).hasMessageContaining("access denied to bucket 'my-bucket'");
        assertThat(failures.translate("GET", "k", s3(403, "InvalidAccessKeyId", "no such key id", null)))
                .isInstanceOf(S3AccessException.class);
        assertThat(failures.translate("GET", "k", s3(404, "NoSuchBucket", "The specified bucket does not exist", null)))
                .isInstanceOf(S3AccessException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aMissingObjectIsNoSuchFileNamedByItsUri() {
        IOException e = failures.translate("GET", "dir/a.json", s3(404, "NoSuchKey", "The specified key does not exist.", null));

        assertThat(e).isInstanceOfSatisfying(NoSuchFileException.class,
                gone -> assertThat(gone.getFile()).isEqualTo("s3://my-bucket/dir/a.json"));
    }

    @Test
    void aFailedPreconditionIsAChangedObject() {
        assertThat(failures.translate("GET", "k", s3(412, "PreconditionFailed", "At least one precondition failed", null)))
                .isInstanceOf(S3ObjectChangedException.class).hasMessageContaining("s3://my-bucket/k");
    }

    @Test
    void throttlingAndServerErrorsAreRetriable() {
        for (S3Exception e : new S3Exception[] {s3(503, "SlowDown", "Reduce your request rate", null),
                s3(500, "InternalError", "We encountered an internal error", null),
                s3(429, "TooManyRequests", "slow down", null), s3(400, "RequestTimeout", "idle", null)}) {
            assertThat(failures.translate("GET", "k", e)).as(e.awsErrorDetails().errorCode())
                    .isExactlyInstanceOf(IOException.class);
        }
        assertThat(failures.translate("GET", "k", s3(503, "SlowDown", "Reduce your request rate", null)))
                .hasMessageContaining("throttled");
    }

    @Test
    void otherClientErrorsAreFatal() {
        assertThat(failures.translate("GET", "k", s3(400, "InvalidArgument", "bad", null)))
                .isInstanceOf(S3AccessException.class);
        assertThat(failures.translate("GET", "k", s3(501, "NotImplemented", "not here", null)))
                .isInstanceOf(S3AccessException.class);
    }

    @Test
    void connectionTroubleIsRetriableInOperationsButFatalInTheAccessCheck() {
        SdkClientException refused = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();
        SdkClientException unknown = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new UnknownHostException("minio.invalid")).build();

        assertThat(failures.translate("GET", "k", refused)).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("connection refused");
        assertThat(failures.translateAccess("", refused)).isInstanceOf(S3AccessException.class)
                .hasMessageContaining("connection refused");
        assertThat(failures.translateAccess("p/", unknown)).isInstanceOf(S3AccessException.class)
                .hasMessageContaining("unknown host minio.invalid").hasMessageContaining("s3://my-bucket/p/");
    }

    @Test
    void missingCredentialsAreFatal() {
        SdkClientException none = SdkClientException.create("Unable to load credentials from any of the providers");

        assertThat(failures.translate("LIST", "", none)).isInstanceOf(S3AccessException.class);
    }

    @Test
    void anAbortIsAnInterruptedIOException() {
        assertThat(failures.translate("GET", "k", AbortedException.create("aborted")))
                .isInstanceOf(InterruptedIOException.class);
    }
}
