package io.github.schemafirst.connect.file.storage.s3;

import io.github.schemafirst.connect.net.TlsLoopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An S3-compatible endpoint with a self-signed certificate (an HTTPS loopback server that answers ListObjectsV2
 * with an empty page): reachable with the trust store that vouches for it, refused as a TLS failure without, so
 * the certificate is still verified.
 */
class S3TrustStoreTest {
    private static final byte[] EMPTY_LISTING = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>tls-bucket</Name>"
            + "<Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated>"
            + "</ListBucketResult>").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private TlsLoopback tls;
    private final AtomicInteger listings = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        tls = TlsLoopback.start(dir);
        tls.server().createContext("/tls-bucket", exchange -> {
            listings.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, EMPTY_LISTING.length);
            exchange.getResponseBody().write(EMPTY_LISTING);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        tls.close();
    }

    private S3Settings.Builder settings() {
        return S3Settings.builder().endpoint(tls.url("")).pathStyle(true).credentials("id", "secret");
    }

    @Test
    void theTrustStoreVouchesForASelfSignedEndpoint() throws Exception {
        S3Settings settings = settings().trustStore(tls.truststore(), TlsLoopback.TRUSTSTORE_PASSWORD, "PKCS12").build();

        try (S3Bucket bucket = new S3Bucket(settings, "tls-bucket")) {
            bucket.checkAccess("");
            assertThat(bucket.list("", null, true, 10).entries()).isEmpty();
        }
        assertThat(listings.get()).isEqualTo(2);
    }

    @Test
    void withoutItTheCertificateIsRefused() {
        try (S3Bucket bucket = new S3Bucket(settings().build(), "tls-bucket")) {
            assertThatThrownBy(() -> bucket.checkAccess("")).isInstanceOf(S3AccessException.class)
                    .hasMessageContaining("tls-bucket").hasMessageContaining("TLS failure");
        }
        assertThat(listings.get()).isZero();
    }
}
