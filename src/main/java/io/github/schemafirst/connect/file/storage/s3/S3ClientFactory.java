package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Turns {@link S3Settings} into an {@link S3Client} whose every wait is bounded and whose retries are few, because
 * a Connect task must notice a stop request and report a broken store promptly, and the task already backs off
 * between polls: long SDK retry loops would only hide the failure.
 */
public final class S3ClientFactory {
    /** Attempts per call, the first included: a brief hiccup is absorbed, a real outage is reported within seconds. */
    static final int MAX_ATTEMPTS = 3;
    /**
     * Where a client with an endpoint override signs for when no region is configured or found: S3-compatible stores
     * (MinIO, Ceph, s3proxy) accept any region and most expect this one.
     */
    static final Region ENDPOINT_DEFAULT_REGION = Region.US_EAST_1;

    private S3ClientFactory() {
    }

    /** A client that owns its HTTP client: closing it closes the connection pool. */
    public static S3Client create(S3Settings settings) {
        return builder(settings, List.of()).httpClientBuilder(httpClientBuilder(settings)).build();
    }

    /**
     * A client on the given HTTP client (which the caller closes after the S3 client: the SDK does not close an HTTP
     * client it was handed) with extra interceptors; {@link S3Bucket} uses it to count and abort requests.
     */
    static S3Client create(S3Settings settings, SdkHttpClient httpClient, List<ExecutionInterceptor> interceptors) {
        return builder(settings, interceptors).httpClient(httpClient).build();
    }

    /**
     * The Apache 5 (blocking) HTTP client, configured explicitly rather than left to the SDK's defaults: the socket
     * timeout bounds a stalled response body, which the SDK's call timeouts do not once a GET's headers arrived.
     */
    static Apache5HttpClient.Builder httpClientBuilder(S3Settings settings) {
        Apache5HttpClient.Builder http = Apache5HttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.requestTimeout())
                // Waiting for a pooled connection is as bounded as waiting for an answer.
                .connectionAcquisitionTimeout(settings.requestTimeout())
                .maxConnections(settings.maxConnections());
        if (settings.trustStorePath() != null) {
            // Trust the given store instead of the JDK's CAs; the certificate and the host name are still checked.
            TrustManager[] trustManagers = trustManagers(settings);
            http.tlsTrustManagersProvider(() -> trustManagers);
        }
        return http;
    }

    private static S3ClientBuilder builder(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(settings.requestTimeout())
                // Every attempt may take the request timeout, plus the backoff between attempts.
                .apiCallTimeout(settings.requestTimeout().multipliedBy(MAX_ATTEMPTS).plus(Duration.ofSeconds(5)))
                .retryStrategy(retryStrategy());
        interceptors.forEach(override::addExecutionInterceptor);
        S3ClientBuilder builder = S3Client.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // Since 2.30 the SDK sends and checks CRC checksums on every request it can; S3-compatible stores
                // often reject or lack them. Only where S3 itself demands one (e.g. DeleteObjects).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(override.build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    /**
     * The SDK's standard strategy (it knows which S3 errors are transient and which are throttling) with
     * {@link #MAX_ATTEMPTS} attempts and short backoffs.
     */
    private static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(5)))
                .build();
    }

    private static Region region(S3Settings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException none) {
            if (settings.endpoint() != null) {
                return ENDPOINT_DEFAULT_REGION;
            }
            throw new IllegalArgumentException("No S3 region configured and none found in the environment"
                    + " (AWS_REGION, the AWS profile or instance metadata): set the region", none);
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (!settings.hasStaticCredentials()) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (settings.sessionToken() != null) {
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }

    private static TrustManager[] trustManagers(S3Settings settings) {
        String type = settings.trustStoreType() != null ? settings.trustStoreType() : KeyStore.getDefaultType();
        String password = settings.trustStorePassword();
        try (InputStream in = Files.newInputStream(settings.trustStorePath())) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            // The password is not in the message; a wrong one shows as "keystore password was incorrect".
            throw new IllegalArgumentException("Cannot load the S3 trust store " + settings.trustStorePath()
                    + " (type " + type + "): " + e.getMessage(), e);
        }
    }
}
