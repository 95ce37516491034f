package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.EnumSetting;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The settings of the file connector's "S3" group: how to reach a bucket when {@code file.path} is an
 * {@code s3://bucket/prefix/} URI. Kept beside {@link FileSourceConfig} (which defines them into its one
 * {@code ConfigDef}) so the file settings stay readable; they mean nothing for a local directory.
 */
final class ObjectStorageKeys {
    static final String GROUP_S3 = "S3";

    static final String REGION_CONFIG = "s3.region";
    private static final String REGION_DOC = "The bucket's AWS region, e.g. 'eu-west-1'. Empty: the default AWS "
            + "region chain (AWS_REGION, the profile, instance metadata), or 'us-east-1' for an S3-compatible store "
            + "named by s3.endpoint.url.";

    static final String ENDPOINT_URL_CONFIG = "s3.endpoint.url";
    private static final String ENDPOINT_URL_DOC = "The S3 API endpoint of an S3-compatible store (MinIO, Ceph RGW, "
            + "Cloudflare R2, Google Cloud Storage's interoperability API), e.g. 'https://minio.internal:9000'. "
            + "Empty: Amazon S3 itself. TLS certificates are verified; a private CA goes in s3.ssl.truststore.*.";

    static final String PATH_STYLE_CONFIG = "s3.path.style.access";
    private static final String PATH_STYLE_DOC = "Address the bucket in the URL's path (https://host/bucket/key) "
            + "instead of its host name (https://bucket.host/key). Most self-hosted stores (MinIO, Ceph) need true.";

    static final String ACCESS_KEY_ID_CONFIG = "s3.access.key.id";
    private static final String ACCESS_KEY_ID_DOC = "An access key id, with s3.secret.access.key. Empty (the "
            + "default): the default AWS credential chain (environment, Java system properties, the profile file, "
            + "web identity / IRSA, container and instance roles). Prefer the chain or a config provider "
            + "(${file:...}, ${env:...}) to keys in the connector config.";

    static final String SECRET_ACCESS_KEY_CONFIG = "s3.secret.access.key";
    private static final String SECRET_ACCESS_KEY_DOC = "The secret of s3.access.key.id. Never logged, nor put in "
            + "offsets, headers or dead letters.";

    static final String SESSION_TOKEN_CONFIG = "s3.session.token";
    private static final String SESSION_TOKEN_DOC = "A session token for temporary keys (with s3.access.key.id and "
            + "s3.secret.access.key). Temporary keys expire: the default credential chain renews its own.";

    static final String REQUEST_TIMEOUT_MS_CONFIG = "s3.request.timeout.ms";
    static final long REQUEST_TIMEOUT_MS_DEFAULT = 30_000L;
    private static final String REQUEST_TIMEOUT_MS_DOC = "The longest one request to the store may take (and the "
            + "longest a read waits for bytes). Throttling (503 SlowDown), timeouts and 5xx answers are retried a "
            + "few times at once, then the object or listing is tried again after file.poll.interval.ms, backing off "
            + "up to file.retry.backoff.max.ms; poll() returns within about a second meanwhile.";

    static final String LIST_PAGE_SIZE_CONFIG = "s3.list.page.size";
    static final int LIST_PAGE_SIZE_DEFAULT = 1000;
    private static final String LIST_PAGE_SIZE_DOC = "Keys asked for per ListObjectsV2 request (S3 answers at most "
            + "1,000). A task lists at most a few pages per poll and goes on from the last key in the next, so a "
            + "bucket of a million objects is listed without holding up reading.";

    static final String TRUSTSTORE_LOCATION_CONFIG = "s3.ssl.truststore.location";
    private static final String TRUSTSTORE_LOCATION_DOC = "A trust store file holding the CA of an S3-compatible "
            + "store's certificate, when it is not signed by a CA the JVM trusts. Empty: the JVM's trusted CAs.";

    static final String TRUSTSTORE_PASSWORD_CONFIG = "s3.ssl.truststore.password";
    private static final String TRUSTSTORE_PASSWORD_DOC = "The trust store's password, if it has one.";

    static final String TRUSTSTORE_TYPE_CONFIG = "s3.ssl.truststore.type";
    static final String TRUSTSTORE_TYPE_DEFAULT = "PKCS12";
    private static final String TRUSTSTORE_TYPE_DOC = "The trust store's type: PKCS12 or JKS.";

    static final String UNREACHABLE_CONFIG = "s3.unreachable";
    static final String UNREACHABLE_DEFAULT = "fail";
    private static final String UNREACHABLE_DOC = "What validate() (and so every PUT of the config) does when the "
            + "bucket cannot be reached: 'fail' reports it on file.path; 'warn' logs a warning on the worker and "
            + "accepts the config (for deploying before the bucket or the network is ready). A missing bucket, "
            + "refused credentials or a wrong region are errors either way.";

    private ObjectStorageKeys() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(REGION_CONFIG, Type.STRING, "", Importance.MEDIUM, REGION_DOC, GROUP_S3, ++order, Width.SHORT,
                "Region");
        def.define(ENDPOINT_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, ENDPOINT_URL_DOC, GROUP_S3, ++order,
                Width.LONG, "Endpoint URL");
        def.define(PATH_STYLE_CONFIG, Type.BOOLEAN, false, Importance.LOW, PATH_STYLE_DOC, GROUP_S3, ++order,
                Width.SHORT, "Path-style access");
        def.define(ACCESS_KEY_ID_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, ACCESS_KEY_ID_DOC, GROUP_S3, ++order,
                Width.MEDIUM, "Access key id");
        def.define(SECRET_ACCESS_KEY_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, SECRET_ACCESS_KEY_DOC, GROUP_S3,
                ++order, Width.MEDIUM, "Secret access key");
        def.define(SESSION_TOKEN_CONFIG, Type.PASSWORD, "", Importance.LOW, SESSION_TOKEN_DOC, GROUP_S3, ++order,
                Width.MEDIUM, "Session token");
        def.define(REQUEST_TIMEOUT_MS_CONFIG, Type.LONG, REQUEST_TIMEOUT_MS_DEFAULT,
                ConfigDef.Range.between(1_000L, 600_000L), Importance.LOW, REQUEST_TIMEOUT_MS_DOC, GROUP_S3, ++order,
                Width.SHORT, "Request timeout (ms)");
        def.define(LIST_PAGE_SIZE_CONFIG, Type.INT, LIST_PAGE_SIZE_DEFAULT, ConfigDef.Range.between(1, 1000),
                Importance.LOW, LIST_PAGE_SIZE_DOC, GROUP_S3, ++order, Width.SHORT, "Listing page size");
        def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.LOW, TRUSTSTORE_LOCATION_DOC, GROUP_S3,
                ++order, Width.LONG, "Trust store");
        def.define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.LOW, TRUSTSTORE_PASSWORD_DOC, GROUP_S3,
                ++order, Width.SHORT, "Trust store password");
        EnumSetting types = EnumSetting.of("PKCS12", "JKS");
        def.define(TRUSTSTORE_TYPE_CONFIG, Type.STRING, TRUSTSTORE_TYPE_DEFAULT, types, Importance.LOW,
                TRUSTSTORE_TYPE_DOC, GROUP_S3, ++order, Width.SHORT, "Trust store type", types);
        EnumSetting unreachable = EnumSetting.of("fail", "warn");
        def.define(UNREACHABLE_CONFIG, Type.STRING, UNREACHABLE_DEFAULT, unreachable, Importance.LOW,
                UNREACHABLE_DOC, GROUP_S3, ++order, Width.SHORT, "When the bucket is unreachable", unreachable);
    }
}
