package io.github.schemafirst.connect.file.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach S3 or an S3-compatible store: region, endpoint, credentials, timeouts, pool size and the trust
 * store for a store with a self-signed certificate. A plain value: it is validated when built and turned into a
 * client by {@link S3ClientFactory}; nothing here talks to the network.
 *
 * <p>Nullable values mean "not configured": no region means the SDK's region chain, no keys mean the SDK's default
 * credentials chain (environment, profile, web identity, container and instance credentials).
 */
public final class S3Settings {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A task reads one object at a time and lists now and then: a handful of connections is plenty. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;

    private final String region;
    private final URI endpoint;
    private final boolean pathStyle;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final int maxConnections;
    private final Path trustStorePath;
    private final String trustStorePassword;
    private final String trustStoreType;

    private S3Settings(Builder b) {
        this.region = blankToNull(b.region);
        this.endpoint = b.endpoint;
        this.pathStyle = b.pathStyle;
        this.accessKeyId = blankToNull(b.accessKeyId);
        this.secretAccessKey = blankToNull(b.secretAccessKey);
        this.sessionToken = blankToNull(b.sessionToken);
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxConnections = b.maxConnections;
        this.trustStorePath = b.trustStorePath;
        this.trustStorePassword = b.trustStorePassword;
        this.trustStoreType = blankToNull(b.trustStoreType);
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void validate() {
        if (endpoint != null) {
            String scheme = endpoint.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || endpoint.getHost() == null) {
                throw new IllegalArgumentException("S3 endpoint '" + endpoint
                        + "' must be an http:// or https:// URL with a host, e.g. https://minio.example.com:9000");
            }
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("S3 credentials need both an access key id and a secret access key"
                    + " (or neither, for the default credentials chain); only the "
                    + (accessKeyId == null ? "secret access key" : "access key id") + " is set");
        }
        if (sessionToken != null && accessKeyId == null) {
            throw new IllegalArgumentException("An S3 session token needs an access key id and a secret access key");
        }
        requirePositive(requestTimeout, "request timeout");
        requirePositive(connectTimeout, "connect timeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("S3 max connections must be at least 1, not " + maxConnections);
        }
        if (trustStorePath == null && (trustStorePassword != null || trustStoreType != null)) {
            throw new IllegalArgumentException("An S3 trust store password or type needs a trust store path");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("S3 " + what + " must be positive, not " + duration);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value;
    }

    /** The region, e.g. {@code eu-west-1}, or null for the SDK's region chain. */
    public String region() {
        return region;
    }

    /** The endpoint of an S3-compatible store (or a VPC endpoint), or null for AWS's own. */
    public URI endpoint() {
        return endpoint;
    }

    /** Bucket in the path ({@code host/bucket/key}) rather than in the host name: what most S3-compatible stores need. */
    public boolean pathStyle() {
        return pathStyle;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public String sessionToken() {
        return sessionToken;
    }

    /** Whether explicit keys are configured (else the SDK's default credentials chain is used). */
    public boolean hasStaticCredentials() {
        return accessKeyId != null;
    }

    /** Longest wait for one request's answer and between two reads of a response body (the socket timeout). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** A trust store to verify the endpoint's certificate with instead of the JDK's CAs, or null. */
    public Path trustStorePath() {
        return trustStorePath;
    }

    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** The trust store's type (PKCS12, JKS), or null for the JDK's default type. */
    public String trustStoreType() {
        return trustStoreType;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof S3Settings)) {
            return false;
        }
        S3Settings that = (S3Settings) other;
        return pathStyle == that.pathStyle && maxConnections == that.maxConnections
                && Objects.equals(region, that.region) && Objects.equals(endpoint, that.endpoint)
                && Objects.equals(accessKeyId, that.accessKeyId) && Objects.equals(secretAccessKey, that.secretAccessKey)
                && Objects.equals(sessionToken, that.sessionToken) && requestTimeout.equals(that.requestTimeout)
                && connectTimeout.equals(that.connectTimeout) && Objects.equals(trustStorePath, that.trustStorePath)
                && Objects.equals(trustStorePassword, that.trustStorePassword)
                && Objects.equals(trustStoreType, that.trustStoreType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, endpoint, pathStyle, accessKeyId, secretAccessKey, sessionToken, requestTimeout,
                connectTimeout, maxConnections, trustStorePath, trustStorePassword, trustStoreType);
    }

    /** Says which kind of credentials is used, never the keys themselves (this ends up in logs). */
    @Override
    public String toString() {
        String credentials = accessKeyId == null ? "default chain" : sessionToken == null ? "static keys" : "session keys";
        return "S3Settings{region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                + ", credentials=" + credentials + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + ", maxConnections=" + maxConnections
                + ", trustStore=" + trustStorePath + (trustStorePassword == null ? "" : " (password set)") + "}";
    }

    /** Builds {@link S3Settings}; {@link #build()} validates. */
    public static final class Builder {
        private String region;
        private URI endpoint;
        private boolean pathStyle;
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Path trustStorePath;
        private String trustStorePassword;
        private String trustStoreType;

        private Builder() {
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** @throws IllegalArgumentException if the text is not a URI at all (other checks are in {@link #build()}) */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint == null || endpoint.trim().isEmpty() ? null : URI.create(endpoint.trim());
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder credentials(String accessKeyId, String secretAccessKey) {
            return credentials(accessKeyId, secretAccessKey, null);
        }

        public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder trustStore(Path path, String password, String type) {
            this.trustStorePath = path;
            this.trustStorePassword = password;
            this.trustStoreType = type;
            return this;
        }

        public S3Settings build() {
            return new S3Settings(this);
        }
    }
}
