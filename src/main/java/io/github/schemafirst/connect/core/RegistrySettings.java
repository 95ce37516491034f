package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.registry.RegistryConnection;
import io.github.schemafirst.connect.registry.RegistryException;
import io.github.schemafirst.connect.registry.SchemaRegistryClient;
import io.github.schemafirst.connect.net.TrustStores;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which schema registry the connector itself talks to, and with which credentials: its own
 * {@code value.schema.registry.*} keys when {@code value.schema.registry.url} is set, otherwise the value
 * converter's ({@code value.converter.schema.registry.url}, its basic or bearer credentials and trust store, read
 * as Confluent's serializers read them). The converter's settings are only visible when the converter is configured
 * on the connector.
 */
final class RegistrySettings {
    private static final Logger log = LoggerFactory.getLogger(RegistrySettings.class);
    /** How long one registry request may take while validating a config (validate() runs on a REST thread). */
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);
    /** How long one registry request may take from a task (start-up, registration). */
    static final Duration TASK_TIMEOUT = Duration.ofSeconds(10);
    private static final String BASIC_SOURCE = "basic.auth.credentials.source";
    private static final String BEARER_SOURCE = "bearer.auth.credentials.source";

    private final Map<String, String> config;
    private final boolean own;

    private RegistrySettings(Map<String, String> config, boolean own) {
        this.config = config;
        this.own = own;
    }

    /** @return empty when neither the connector nor its value converter names a registry */
    static Optional<RegistrySettings> from(Map<String, String> config) {
        if (value(config, SchemafirstSourceConfig.REGISTRY_URL_CONFIG).isPresent()) {
            return Optional.of(new RegistrySettings(config, true));
        }
        if (new ValueConverterSettings(config).registryUrl().isPresent()) {
            return Optional.of(new RegistrySettings(config, false));
        }
        return Optional.empty();
    }

    /** Whether the settings are the connector's own keys (true) or the value converter's (false). */
    boolean ownKeys() {
        return own;
    }

    /** The key naming the registry: where an unreachable registry or a bad URL is reported. */
    String urlKey() {
        return own ? SchemafirstSourceConfig.REGISTRY_URL_CONFIG : ValueConverterSettings.REGISTRY_URL;
    }

    /** The key holding the credentials: where refused credentials are reported. */
    String credentialsKey() {
        if (own) {
            return value(config, SchemafirstSourceConfig.REGISTRY_BEARER_TOKEN_CONFIG).isPresent()
                    ? SchemafirstSourceConfig.REGISTRY_BEARER_TOKEN_CONFIG
                    : SchemafirstSourceConfig.REGISTRY_USER_INFO_CONFIG;
        }
        if (converterSetting("bearer.auth.token").isPresent()) {
            return ValueConverterSettings.PREFIX + "bearer.auth.token";
        }
        return converterSetting("schema.registry.basic.auth.user.info").isPresent()
                ? ValueConverterSettings.PREFIX + "schema.registry.basic.auth.user.info"
                : ValueConverterSettings.PREFIX + "basic.auth.user.info";
    }

    /**
     * The connection these settings describe (reads the trust store, if any).
     *
     * @throws InvalidSetting when a setting cannot be used; it names the key
     */
    RegistryConnection connection() {
        String urlKey = urlKey();
        String basic = null;
        List<URI> urls = new ArrayList<>();
        for (String text : value(config, urlKey).orElse("").split(",")) {
            if (text.trim().isEmpty()) {
                continue;
            }
            URI uri = parseUrl(urlKey, text.trim());
            if (uri.getRawUserInfo() != null) {
                basic = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
                uri = withoutUserInfo(uri);
            }
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new InvalidSetting(urlKey, "no registry URL given");
        }
        String bearer;
        if (own) {
            basic = firstPresent(value(config, SchemafirstSourceConfig.REGISTRY_USER_INFO_CONFIG), basic);
            bearer = value(config, SchemafirstSourceConfig.REGISTRY_BEARER_TOKEN_CONFIG).orElse(null);
        } else {
            basic = converterBasicAuth(basic);
            bearer = converterBearerToken();
        }
        SSLContext ssl = sslContext();
        try {
            return RegistryConnection.of(urls, basic, bearer, ssl);
        } catch (IllegalArgumentException e) {
            // the URLs are checked above: what is left is the credentials (both kinds, or no ':'); never echoed
            throw new InvalidSetting(credentialsKey(), e.getMessage());
        }
    }

    /** A client for {@link #connection()}. */
    SchemaRegistryClient client(Duration requestTimeout) {
        return new SchemaRegistryClient(connection(), requestTimeout);
    }

    /**
     * Reports a registry failure met while validating: refused credentials on the credentials key, an unreachable
     * registry on its URL key (or, with {@code value.schema.registry.unreachable=warn}, as a WARN in the worker log
     * only), anything else (a missing subject, an invalid schema, ...) on {@code otherwise}.
     */
    void report(RegistryException e, String otherwise, CommonConfigValidation.Problems problems) {
        boolean unreachable = e.status() == 0;
        if (unreachable && "warn".equalsIgnoreCase(value(config, SchemafirstSourceConfig.REGISTRY_UNREACHABLE_CONFIG)
                .orElse(SchemafirstSourceConfig.REGISTRY_UNREACHABLE_DEFAULT))) {
            log.warn("The schema registry could not be checked ({}=warn): {}",
                    SchemafirstSourceConfig.REGISTRY_UNREACHABLE_CONFIG, e.getMessage());
            return;
        }
        if (e.isAuthFailure()) {
            problems.add(credentialsKey(), e.getMessage());
        } else if (unreachable) {
            problems.add(urlKey(), e.getMessage() + ". To accept the config while the registry is down, set "
                    + SchemafirstSourceConfig.REGISTRY_UNREACHABLE_CONFIG + "=warn");
        } else {
            problems.add(otherwise, e.getMessage());
        }
    }

    private String converterBasicAuth(String fromUrl) {
        String source = converterSetting(BASIC_SOURCE).orElse("URL").toUpperCase(Locale.ROOT);
        switch (source) {
            case "URL":
                return fromUrl;
            case "USER_INFO":
                return firstPresent(converterSetting("basic.auth.user.info"),
                        converterSetting("schema.registry.basic.auth.user.info").orElse(null));
            default:
                throw new InvalidSetting(ValueConverterSettings.PREFIX + BASIC_SOURCE, BASIC_SOURCE + "=" + source
                        + " is not one the connector's own registry client supports (URL, USER_INFO): set "
                        + SchemafirstSourceConfig.REGISTRY_URL_CONFIG + " and its credentials on the connector");
        }
    }

    private String converterBearerToken() {
        Optional<String> source = converterSetting(BEARER_SOURCE).map(s -> s.toUpperCase(Locale.ROOT));
        if (source.isPresent() && !source.get().equals("STATIC_TOKEN")) {
            throw new InvalidSetting(ValueConverterSettings.PREFIX + BEARER_SOURCE, BEARER_SOURCE + "="
                    + source.get() + " is not one the connector's own registry client supports (STATIC_TOKEN): set "
                    + SchemafirstSourceConfig.REGISTRY_URL_CONFIG + " and its credentials on the connector");
        }
        return source.isPresent() ? converterSetting("bearer.auth.token").orElse(null) : null;
    }

    private SSLContext sslContext() {
        String locationKey = own ? SchemafirstSourceConfig.REGISTRY_TRUSTSTORE_LOCATION_CONFIG
                : ValueConverterSettings.PREFIX + "schema.registry.ssl.truststore.location";
        String passwordKey = own ? SchemafirstSourceConfig.REGISTRY_TRUSTSTORE_PASSWORD_CONFIG
                : ValueConverterSettings.PREFIX + "schema.registry.ssl.truststore.password";
        String typeKey = own ? SchemafirstSourceConfig.REGISTRY_TRUSTSTORE_TYPE_CONFIG
                : ValueConverterSettings.PREFIX + "schema.registry.ssl.truststore.type";
        Optional<String> location = value(config, locationKey);
        if (!location.isPresent()) {
            return null;
        }
        String type = value(config, typeKey).orElse(SchemafirstSourceConfig.REGISTRY_TRUSTSTORE_TYPE_DEFAULT);
        try {
            return TrustStores.sslContext(Paths.get(location.get()), value(config, passwordKey).orElse(null), type);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidSetting(locationKey, "cannot use trust store " + location.get() + " (" + type + "): "
                    + e.getMessage());
        }
    }

    private Optional<String> converterSetting(String name) {
        return value(config, ValueConverterSettings.PREFIX + name);
    }

    private static URI parseUrl(String key, String text) {
        String reason = ConverterSettingsCheck.invalidUrlReason(text);
        if (reason != null) { // said without the text: it may hold credentials
            throw new InvalidSetting(key, "not a schema registry URL: " + reason
                    + "; use e.g. http://schema-registry:8081");
        }
        return URI.create(text);
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstPresent(Optional<String> first, String second) {
        return first.orElse(second);
    }

    private static Optional<String> value(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null || value.trim().isEmpty() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A registry setting that cannot be used, reported on its key. */
    static final class InvalidSetting extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String key;

        InvalidSetting(String key, String message) {
            super(message);
            this.key = key;
        }

        String key() {
            return key;
        }
    }
}
