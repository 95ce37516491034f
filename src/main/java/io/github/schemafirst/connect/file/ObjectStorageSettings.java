package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.s3.S3Bucket;
import io.github.schemafirst.connect.file.storage.s3.S3Location;
import io.github.schemafirst.connect.file.storage.s3.S3Settings;
import io.github.schemafirst.connect.file.storage.s3.S3Storage;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/**
 * The S3 group's values of one file connector config, and the storage they open when {@code file.path} is an
 * {@code s3://} URI (see {@link ObjectStorageKeys}).
 */
final class ObjectStorageSettings {
    /** Connections per task: one per object read at once (file.max.open.files) would be too many to hold open. */
    private static final int MAX_CONNECTIONS = 16;

    private final S3Settings settings;
    private final int pageSize;

    ObjectStorageSettings(AbstractConfig config) {
        this.settings = settings(config);
        this.pageSize = config.getInt(ObjectStorageKeys.LIST_PAGE_SIZE_CONFIG);
    }

    static boolean isS3(String path) {
        return path != null && S3Location.isS3(path.trim());
    }

    /** The client settings of a config (validated or not: values as {@link AbstractConfig} parsed them). */
    static S3Settings settings(AbstractConfig config) {
        S3Settings.Builder settings = S3Settings.builder()
                .region(blankToNull(config.getString(ObjectStorageKeys.REGION_CONFIG)))
                .pathStyle(config.getBoolean(ObjectStorageKeys.PATH_STYLE_CONFIG))
                .requestTimeout(Duration.ofMillis(config.getLong(ObjectStorageKeys.REQUEST_TIMEOUT_MS_CONFIG)))
                .maxConnections(MAX_CONNECTIONS);
        String endpoint = blankToNull(config.getString(ObjectStorageKeys.ENDPOINT_URL_CONFIG));
        if (endpoint != null) {
            settings.endpoint(endpoint);
        }
        String id = secret(config, ObjectStorageKeys.ACCESS_KEY_ID_CONFIG);
        if (id != null) {
            settings.credentials(id, secret(config, ObjectStorageKeys.SECRET_ACCESS_KEY_CONFIG),
                    secret(config, ObjectStorageKeys.SESSION_TOKEN_CONFIG));
        }
        String truststore = blankToNull(config.getString(ObjectStorageKeys.TRUSTSTORE_LOCATION_CONFIG));
        if (truststore != null) {
            settings.trustStore(Paths.get(truststore), secret(config, ObjectStorageKeys.TRUSTSTORE_PASSWORD_CONFIG),
                    config.getString(ObjectStorageKeys.TRUSTSTORE_TYPE_CONFIG));
        }
        return settings.build();
    }

    private static String secret(AbstractConfig config, String key) {
        Password password = config.getPassword(key);
        String value = password == null ? null : password.value();
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    S3Settings settings() {
        return settings;
    }

    /**
     * @param completedDir an {@code s3://} URI of the same bucket for action move; null otherwise
     * @param errorDir     an {@code s3://} URI of the same bucket; null to leave broken objects in place
     */
    Storage open(String path, PathMatcher names, boolean recursive, CompletionAction action, String completedDir,
            String errorDir) {
        S3Location root = S3Location.parse(path.trim());
        S3Location completedTo = completedDir == null ? null : S3Location.parse(completedDir.trim());
        S3Location errorTo = errorDir == null ? null : S3Location.parse(errorDir.trim());
        S3Bucket bucket = new S3Bucket(settings, root.bucket());
        return new S3Storage(bucket, root, names, recursive, pageSize, action, completedTo, errorTo);
    }
}
