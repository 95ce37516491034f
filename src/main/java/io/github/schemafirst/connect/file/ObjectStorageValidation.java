package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.CommonConfigValidation.Problems;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.s3.S3AccessException;
import io.github.schemafirst.connect.file.storage.s3.S3Bucket;
import io.github.schemafirst.connect.file.storage.s3.S3Location;
import io.github.schemafirst.connect.net.TrustStores;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code validate()} checks when {@code file.path} is an {@code s3://} URI: the URIs, the S3 settings that
 * only make sense together, and then one listing of the prefix with the given credentials, so a missing bucket, a
 * refused key or a wrong region is reported on {@code file.path} before anything is deployed.
 */
final class ObjectStorageValidation {
    private static final Logger log = LoggerFactory.getLogger(ObjectStorageValidation.class);
    private static final ConfigDef S3_KEYS = s3Keys();

    private final Map<String, String> props;
    private final Problems problems;
    private boolean found;

    private ObjectStorageValidation(Map<String, String> props, Problems problems) {
        this.props = props;
        this.problems = (key, message) -> {
            found = true;
            problems.add(key, message);
        };
    }

    private static ConfigDef s3Keys() {
        ConfigDef def = new ConfigDef();
        ObjectStorageKeys.define(def);
        return def;
    }

    /** @param keyErrors whether a key's own validator already found it wrong (then nothing is connected to) */
    static void check(Map<String, String> props, Problems problems, boolean keyErrors) {
        new ObjectStorageValidation(props, problems).run(keyErrors);
    }

    private void run(boolean keyErrors) {
        S3Location root = location(FileSourceConfig.PATH_CONFIG);
        if (root == null) {
            return;
        }
        if (!raw(FileSourceConfig.IDENTITY_CONFIG).isEmpty()) {
            problems.add(FileSourceConfig.IDENTITY_CONFIG, "does not apply to " + root.uri(root.prefix()) + ": an "
                    + "object is named by its bucket and key, and an overwritten one is told apart by its ETag. "
                    + "Remove file.identity");
        }
        String action = raw(FileSourceConfig.COMPLETED_ACTION_CONFIG);
        if (CompletionAction.MOVE.configValue().equalsIgnoreCase(action)) {
            if (raw(FileSourceConfig.COMPLETED_DIR_CONFIG).isEmpty()) {
                problems.add(FileSourceConfig.COMPLETED_DIR_CONFIG, "required when file.completed.action=move: an "
                        + "s3:// prefix of the same bucket, e.g. s3://" + root.bucket() + "/done/");
            } else {
                checkTarget(FileSourceConfig.COMPLETED_DIR_CONFIG, root, "moved objects");
            }
        }
        if (!raw(FileSourceConfig.ERROR_DIR_CONFIG).isEmpty()) {
            checkTarget(FileSourceConfig.ERROR_DIR_CONFIG, root, "broken objects");
        }
        checkEndpoint();
        checkKeys();
        checkTrustStore();
        if (!found && !keyErrors) {
            checkAccess(root);
        }
    }

    private S3Location location(String key) {
        try {
            return S3Location.parse(raw(key));
        } catch (IllegalArgumentException e) {
            problems.add(key, e.getMessage());
            return null;
        }
    }

    private void checkTarget(String key, S3Location root, String what) {
        String value = raw(key);
        if (!ObjectStorageSettings.isS3(value)) {
            problems.add(key, "must be an s3:// prefix of the bucket " + root.bucket() + " when file.path is "
                    + root.uri(root.prefix()) + ", e.g. s3://" + root.bucket() + "/done/");
            return;
        }
        S3Location target = location(key);
        if (target == null) {
            return;
        }
        if (!target.bucket().equals(root.bucket())) {
            problems.add(key, "must be in the bucket " + root.bucket() + " (objects are copied within the bucket), "
                    + "not " + target.bucket());
        } else if (target.prefix().equals(root.prefix())) {
            problems.add(key, "must differ from file.path, or " + what + " would be read again");
        }
    }

    private void checkEndpoint() {
        String endpoint = raw(ObjectStorageKeys.ENDPOINT_URL_CONFIG);
        if (endpoint.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || uri.getHost() == null) {
                problems.add(ObjectStorageKeys.ENDPOINT_URL_CONFIG, "must be an http:// or https:// URL with a "
                        + "host, e.g. https://minio.internal:9000, got '" + endpoint + "'");
            }
        } catch (URISyntaxException e) {
            problems.add(ObjectStorageKeys.ENDPOINT_URL_CONFIG, "not a URL: " + e.getMessage());
        }
    }

    private void checkKeys() {
        boolean id = !raw(ObjectStorageKeys.ACCESS_KEY_ID_CONFIG).isEmpty();
        boolean secret = !raw(ObjectStorageKeys.SECRET_ACCESS_KEY_CONFIG).isEmpty();
        if (id && !secret) {
            problems.add(ObjectStorageKeys.SECRET_ACCESS_KEY_CONFIG, "required with s3.access.key.id");
        } else if (secret && !id) {
            problems.add(ObjectStorageKeys.ACCESS_KEY_ID_CONFIG, "required with s3.secret.access.key");
        }
        if (!raw(ObjectStorageKeys.SESSION_TOKEN_CONFIG).isEmpty() && !(id && secret)) {
            problems.add(ObjectStorageKeys.SESSION_TOKEN_CONFIG, "goes with s3.access.key.id and "
                    + "s3.secret.access.key (the default credential chain finds its own session tokens)");
        }
    }

    private void checkTrustStore() {
        String location = raw(ObjectStorageKeys.TRUSTSTORE_LOCATION_CONFIG);
        if (location.isEmpty()) {
            return;
        }
        try {
            String type = raw(ObjectStorageKeys.TRUSTSTORE_TYPE_CONFIG);
            TrustStores.sslContext(Paths.get(location), raw(ObjectStorageKeys.TRUSTSTORE_PASSWORD_CONFIG),
                    type.isEmpty() ? ObjectStorageKeys.TRUSTSTORE_TYPE_DEFAULT : type);
        } catch (Exception e) {
            problems.add(ObjectStorageKeys.TRUSTSTORE_LOCATION_CONFIG, "cannot load the trust store " + location
                    + ": " + e.getMessage());
        }
    }

    /** One listing of the prefix, as a task's first will do. */
    private void checkAccess(S3Location root) {
        AbstractConfig s3;
        try {
            s3 = new AbstractConfig(S3_KEYS, props, false);
        } catch (ConfigException e) {
            return; // the key's own validator reports it
        }
        String where = root.uri(root.prefix());
        try (S3Bucket bucket = new S3Bucket(ObjectStorageSettings.settings(s3), root.bucket())) {
            bucket.checkAccess(root.prefix());
        } catch (S3AccessException e) {
            if (!e.storeUnreachable()) {
                problems.add(FileSourceConfig.PATH_CONFIG, e.getMessage());
            } else {
                unreachable(where, e);
            }
        } catch (IOException | RuntimeException e) {
            unreachable(where, e); // throttled, a server error, or settings the client refused
        }
    }

    private void unreachable(String where, Exception e) {
        if ("warn".equalsIgnoreCase(raw(ObjectStorageKeys.UNREACHABLE_CONFIG))) {
            log.warn("Cannot reach {} to check it ({}); accepting the config as s3.unreachable=warn asks", where,
                    e.getMessage());
        } else {
            problems.add(FileSourceConfig.PATH_CONFIG, "cannot reach " + where + ": " + e.getMessage()
                    + ". Set s3.unreachable=warn to deploy before the store is reachable");
        }
    }

    private String raw(String key) {
        String value = props.get(key);
        return value == null ? "" : value.trim();
    }
}
