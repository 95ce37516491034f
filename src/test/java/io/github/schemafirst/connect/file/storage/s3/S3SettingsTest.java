package io.github.schemafirst.connect.file.storage.s3;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class S3SettingsTest {

    @Test
    void defaultsToTheDefaultChainsAndBoundedTimeouts() {
        S3Settings settings = S3Settings.builder().build();

        assertThat(settings.region()).isNull();
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.hasStaticCredentials()).isFalse();
        assertThat(settings.requestTimeout()).isEqualTo(S3Settings.DEFAULT_REQUEST_TIMEOUT);
        assertThat(settings.connectTimeout()).isEqualTo(S3Settings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.maxConnections()).isEqualTo(S3Settings.DEFAULT_MAX_CONNECTIONS);
    }

    @Test
    void toStringShowsNoSecrets() {
        S3Settings settings = S3Settings.builder()
                .region("eu-west-1")
                .credentials("AKIAEXAMPLEKEYID", "very-secret-key", "session-token-value")
                .trustStore(Path.of("/etc/trust.p12"), "store-password", "PKCS12")
                .build();

        assertThat(settings.toString()).contains("eu-west-1", "session keys", "/etc/trust.p12")
                .doesNotContain("AKIAEXAMPLEKEYID", "very-secret-key", "session-token-value", "store-password");
    }

    @Test
    void endpointMustBeHttpOrHttpsWithAHost() {
        assertThat(S3Settings.builder().endpoint("https://minio.example.com:9000").build().endpoint().getPort())
                .isEqualTo(9000);
        assertThat(S3Settings.builder().endpoint(" ").build().endpoint()).isNull();
        for (String endpoint : new String[] {"ftp://host", "minio:9000", "http:///path", "s3://bucket"}) {
            assertThatThrownBy(() -> S3Settings.builder().endpoint(endpoint).build()).as(endpoint)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
        }
    }

    @Test
    void explicitKeysNeedIdAndSecret() {
        assertThatThrownBy(() -> S3Settings.builder().credentials("id", null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only the access key id");
        assertThatThrownBy(() -> S3Settings.builder().credentials(null, "secret").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only the secret access key");
        assertThatThrownBy(() -> S3Settings.builder().credentials(null, null, "token").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(S3Settings.builder().credentials("id", "secret").build().hasStaticCredentials()).isTrue();
    }

    @Test
    void rejectsNonPositiveTimeoutsAndPools() {
        assertThatThrownBy(() -> S3Settings.builder().requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request timeout");
        assertThatThrownBy(() -> S3Settings.builder().connectTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect timeout");
        assertThatThrownBy(() -> S3Settings.builder().maxConnections(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Settings.builder().trustStore(null, "pw", null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust store path");
    }

    @Test
    void anEndpointWithoutARegionSignsForUsEast1() {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null
                && System.getProperty("aws.region") == null, "a region is set in this environment");
        S3Settings settings = S3Settings.builder().endpoint("http://127.0.0.1:9000").credentials("id", "secret")
                .build();

        try (S3Client client = S3ClientFactory.create(settings)) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        }
        try (S3Client client = S3ClientFactory.create(S3Settings.builder().region("eu-central-1")
                .credentials("id", "secret").build())) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
        }
    }

    @Test
    void anUnreadableTrustStoreFailsWithItsPathButNotItsPassword() {
        S3Settings settings = S3Settings.builder().region("us-east-1")
                .trustStore(Path.of("/nonexistent/trust.p12"), "store-password", "PKCS12").build();

        assertThatThrownBy(() -> S3ClientFactory.create(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/nonexistent/trust.p12")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("store-password"));
    }
}
