package io.github.schemafirst.connect.file.storage.s3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3LocationTest {

    @Test
    void parsesBucketAndPrefix() {
        S3Location location = S3Location.parse("s3://my-bucket.logs/in/2024/");

        assertThat(location.bucket()).isEqualTo("my-bucket.logs");
        assertThat(location.prefix()).isEqualTo("in/2024/");
        assertThat(location.uri("in/2024/a.json")).isEqualTo("s3://my-bucket.logs/in/2024/a.json");
        assertThat(location).hasToString("s3://my-bucket.logs/in/2024/");
    }

    @Test
    void prefixMayBeEmptyOrWithoutTrailingSlash() {
        assertThat(S3Location.parse("s3://abc").prefix()).isEmpty();
        assertThat(S3Location.parse("s3://abc/").prefix()).isEmpty();
        assertThat(S3Location.parse("s3://abc/data").prefix()).isEqualTo("data");
        assertThat(S3Location.parse("s3://abc/a b/ü/").prefix()).as("keys as written").isEqualTo("a b/ü/");
        assertThat(S3Location.parse("S3://abc/x").bucket()).isEqualTo("abc");
    }

    @Test
    void tellsS3LocationsFromOthers() {
        assertThat(S3Location.isS3("s3://bucket/x")).isTrue();
        assertThat(S3Location.isS3("S3://bucket")).isTrue();
        assertThat(S3Location.isS3("/data/in")).isFalse();
        assertThat(S3Location.isS3("s3a://bucket/x")).isFalse();
        assertThat(S3Location.isS3("file:///tmp")).isFalse();
        assertThat(S3Location.isS3(null)).isFalse();
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> S3Location.parse("https://bucket.s3.amazonaws.com/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://bucket/prefix");
        assertThatThrownBy(() -> S3Location.parse("s3a://bucket/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3a://");
        assertThatThrownBy(() -> S3Location.parse("/data")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Location.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnEmptyBucket() {
        assertThatThrownBy(() -> S3Location.parse("s3://")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bucket");
        assertThatThrownBy(() -> S3Location.parse("s3:///prefix")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bucket");
    }

    @Test
    void rejectsInvalidBucketNames() {
        for (String bucket : new String[] {"ab", "a".repeat(64), "My-Bucket", "bucket_name", "-bucket", "bucket-",
                ".bucket", "bu..cket", "bucket:9000"}) {
            assertThatThrownBy(() -> S3Location.parse("s3://" + bucket + "/x")).as(bucket)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid bucket name")
                    .hasMessageContaining(bucket);
        }
        assertThat(S3Location.parse("s3://" + "a".repeat(63)).bucket()).hasSize(63);
        assertThat(S3Location.parse("s3://a1b").bucket()).isEqualTo("a1b");
    }

    @Test
    void rejectsQueriesAndFragments() {
        assertThatThrownBy(() -> S3Location.parse("s3://bucket/x?versionId=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'?' or '#'");
        assertThatThrownBy(() -> S3Location.parse("s3://bucket/x#y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Location.parse("s3://bucket?x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityByBucketAndPrefix() {
        assertThat(S3Location.parse("s3://abc/p/")).isEqualTo(S3Location.parse("s3://abc/p/"))
                .hasSameHashCodeAs(S3Location.parse("s3://abc/p/"))
                .isNotEqualTo(S3Location.parse("s3://abc/p"));
    }
}
