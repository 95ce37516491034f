package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.HttpSourceConfig.*;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.schemafirst.connect.core.CommonConfigValidation;
import io.github.schemafirst.connect.core.SchemafirstSourceConfig;
import io.github.schemafirst.connect.http.auth.AuthType;
import io.github.schemafirst.connect.http.auth.Origin;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.http.auth.SecretHeaders;
import io.github.schemafirst.connect.http.auth.Secrets;
import io.github.schemafirst.connect.http.pagination.PaginationType;
import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.Header;
import io.github.schemafirst.connect.http.request.Template;
import io.github.schemafirst.connect.net.TrustStores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks that span several keys of {@link HttpSourceConfig} (single-key checks are ConfigDef validators): which
 * endpoint keys go together, URL and body templates, JSON Pointers, the secrets each auth type needs, the keys
 * each pagination type uses, the declared schema and the fields key and timestamp come from. Each problem is reported against the key a user has to change.
 */
public final class HttpConfigValidation {
    private static final Map<String, PaginationType> PAGINATION_KEYS = new LinkedHashMap<>();

    static {
        PAGINATION_KEYS.put(PAGE_PARAM_CONFIG, PaginationType.PAGE_NUMBER);
        PAGINATION_KEYS.put(PAGE_START_CONFIG, PaginationType.PAGE_NUMBER);
        PAGINATION_KEYS.put(SIZE_PARAM_CONFIG, PaginationType.PAGE_NUMBER);
        PAGINATION_KEYS.put(SIZE_CONFIG, PaginationType.PAGE_NUMBER);
        PAGINATION_KEYS.put(OFFSET_PARAM_CONFIG, PaginationType.OFFSET_LIMIT);
        PAGINATION_KEYS.put(LIMIT_PARAM_CONFIG, PaginationType.OFFSET_LIMIT);
        PAGINATION_KEYS.put(LIMIT_CONFIG, PaginationType.OFFSET_LIMIT);
        PAGINATION_KEYS.put(CURSOR_POINTER_CONFIG, PaginationType.CURSOR);
        PAGINATION_KEYS.put(CURSOR_PARAM_CONFIG, PaginationType.CURSOR);
        PAGINATION_KEYS.put(NEXT_URL_POINTER_CONFIG, PaginationType.NEXT_URL);
    }

    /** Headers that carry credentials, which do not belong in http.headers (lower case). */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final HttpSourceConfig config;
    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    private HttpConfigValidation(HttpSourceConfig config) {
        this.config = config;
    }

    /** @return problems by config key, empty when the config is usable */
    public static Map<String, List<String>> check(HttpSourceConfig config) {
        HttpConfigValidation validation = new HttpConfigValidation(config);
        validation.checkEndpoints();
        validation.checkRequest();
        validation.checkTls();
        validation.checkAuth();
        validation.checkOriginsAndSecretHeaders();
        validation.checkPointers();
        validation.checkPagination();
        validation.checkIncremental();
        validation.checkRetries();
        validation.checkInvalidRecords();
        validation.checkSchemaAndFields();
        return validation.problems;
    }

    private void problem(String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private boolean isSet(String key) {
        Object value = config.originals().get(key);
        return value != null && !value.toString().trim().isEmpty();
    }

    private void checkEndpoints() {
        boolean hasUrl = !config.url().isEmpty();
        boolean hasUrls = !config.urls().isEmpty();
        if (hasUrl && hasUrls) {
            problem(URLS_CONFIG, "give " + URL_CONFIG + " or " + URLS_CONFIG + ", not both");
            return;
        }
        if (!hasUrl && !hasUrls) {
            problem(URL_CONFIG, "required: give " + URL_CONFIG + " (or " + URLS_CONFIG + ")");
            return;
        }
        if (hasUrls) {
            if (!config.urlValues().isEmpty()) {
                problem(URL_VALUES_CONFIG, "fills {{value}} in " + URL_CONFIG + "; it cannot be used with "
                        + URLS_CONFIG);
            }
            for (String url : config.urls()) {
                checkUrlTemplate(URLS_CONFIG, url, false);
            }
            return;
        }
        Template template = checkUrlTemplate(URL_CONFIG, config.url(), !config.urlValues().isEmpty());
        if (template != null && template.uses(Template.VALUE) && config.urlValues().isEmpty()) {
            problem(URL_CONFIG, "uses {{value}} but " + URL_VALUES_CONFIG + " is empty");
        }
        if (template != null && !template.uses(Template.VALUE) && !config.urlValues().isEmpty()) {
            problem(URL_VALUES_CONFIG, "set, but " + URL_CONFIG + " has no {{value}} placeholder to fill");
        }
    }

    private Template checkUrlTemplate(String key, String text, boolean valueAllowed) {
        Template template;
        try {
            template = Template.parse(text);
        } catch (IllegalArgumentException e) {
            problem(key, "'" + text + "': " + e.getMessage());
            return null;
        }
        if (template.uses(Template.VALUE) && !valueAllowed && key.equals(URLS_CONFIG)) {
            problem(key, "'" + text + "': {{value}} is only for " + URL_CONFIG + " with " + URL_VALUES_CONFIG);
        }
        String sample = template.render(Map.of(Template.INCREMENTAL, "0", Template.CURSOR, "c", Template.VALUE, "v"),
                Escaping.URL);
        String urlProblem = httpUrlProblem(sample);
        if (urlProblem != null) {
            problem(key, "'" + text + "': " + urlProblem);
        } else {
            String other = template.render(Map.of(Template.INCREMENTAL, "1", Template.CURSOR, "d",
                    Template.VALUE, "v"), Escaping.URL);
            if (httpUrlProblem(other) != null
                    || !Origin.of(URI.create(sample)).equals(Origin.of(URI.create(other)))) {
                problem(key, "'" + text + "': {{incremental}} and {{cursor}} must not be part of the scheme, host "
                        + "or port: credentials go only to the origin the URL names");
            }
            checkNoSecretIn(key, text);
        }
        return template;
    }

    /** An endpoint URL is the source partition, stored in the offsets topic: no secret may be written into it. */
    private void checkNoSecretIn(String key, String url) {
        Secrets secrets = Secrets.fromConfig(config);
        String apiKeyName = config.text(AUTH_API_KEY_NAME_CONFIG);
        if (secrets.appearsIn(url)) {
            problem(key, "holds a secret of this connector (the value of a password-type key, or the API key's "
                    + "query parameter '" + apiKeyName + "'): the URL is stored in the offsets topic and shown in "
                    + "positions. Remove it: the connector adds the credentials to each request itself");
        }
    }

    /** Why {@code text} is not an absolute http(s) URL, or null when it is one. */
    static String httpUrlProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            return "expected an http(s) URL, got a malformed one (" + e.getReason() + " at index " + e.getIndex()
                    + ")";
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return "expected an http:// or https:// URL";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "expected a URL with a host";
        }
        return null;
    }

    private void checkRequest() {
        String body = config.body();
        if (body != null && !body.isEmpty()) {
            if ("GET".equals(config.method())) {
                problem(BODY_CONFIG, "a body needs " + METHOD_CONFIG + "=POST");
            }
            try {
                Template template = Template.parse(body);
                if (template.uses(Template.VALUE)) {
                    problem(BODY_CONFIG, "{{value}} is only for " + URL_CONFIG);
                }
            } catch (IllegalArgumentException e) {
                problem(BODY_CONFIG, e.getMessage());
            }
        }
        try {
            Header.parseList(config.rawHeaders());
        } catch (IllegalArgumentException e) {
            problem(HEADERS_CONFIG, e.getMessage());
        }
    }

    private void checkTls() {
        if (config.truststoreLocation().isEmpty()) {
            return;
        }
        Path path = Paths.get(config.truststoreLocation().get());
        if (!Files.isReadable(path)) {
            problem(TRUSTSTORE_LOCATION_CONFIG, "no readable file at " + path);
            return;
        }
        try {
            TrustStores.sslContext(path, config.secret(TRUSTSTORE_PASSWORD_CONFIG), config.truststoreType());
        } catch (Exception e) {
            problem(TRUSTSTORE_LOCATION_CONFIG, "cannot load it as " + config.truststoreType() + " with the "
                    + "given password: " + e.getMessage());
        }
    }

    private void checkAuth() {
        AuthType type = config.authType();
        String forType = "required for " + AUTH_TYPE_CONFIG + "=" + type.configValue();
        switch (type) {
            case BASIC:
                requireText(AUTH_USERNAME_CONFIG, forType);
                requireSecret(AUTH_PASSWORD_CONFIG, forType);
                break;
            case BEARER:
                requireSecret(AUTH_TOKEN_CONFIG, forType);
                break;
            case API_KEY:
                requireText(AUTH_API_KEY_NAME_CONFIG, forType);
                requireSecret(AUTH_API_KEY_VALUE_CONFIG, forType);
                break;
            case OAUTH2_CLIENT_CREDENTIALS:
                if (requireText(OAUTH2_TOKEN_URL_CONFIG, forType)) {
                    String tokenUrl = config.text(OAUTH2_TOKEN_URL_CONFIG);
                    String urlProblem = httpUrlProblem(tokenUrl);
                    if (urlProblem != null) {
                        problem(OAUTH2_TOKEN_URL_CONFIG, urlProblem);
                    } else if (!tokenUrl.regionMatches(true, 0, "https://", 0, 8)
                            && !config.getBoolean(OAUTH2_TOKEN_URL_ALLOW_HTTP_CONFIG)) {
                        problem(OAUTH2_TOKEN_URL_CONFIG, "an http:// token URL sends the client secret unencrypted: "
                                + "use https://, or set " + OAUTH2_TOKEN_URL_ALLOW_HTTP_CONFIG + "=true");
                    }
                }
                requireText(OAUTH2_CLIENT_ID_CONFIG, forType);
                requireSecret(OAUTH2_CLIENT_SECRET_CONFIG, forType);
                break;
            case NONE:
            default:
                break;
        }
    }

    /** http.allowed.origins, secret headers, and credentials that http.headers would send everywhere in clear. */
    private void checkOriginsAndSecretHeaders() {
        boolean httpsEndpoint = false;
        for (Endpoint endpoint : safeEndpoints()) {
            httpsEndpoint |= OriginPolicy.endpointOrigin(endpoint.url()).map(Origin::isHttps).orElse(false);
        }
        for (String item : config.allowedOrigins()) {
            try {
                Origin origin = Origin.parse(item);
                if (httpsEndpoint && !origin.isHttps()) {
                    problem(ALLOWED_ORIGINS_CONFIG, "'" + item + "': links and redirects from https to http are "
                            + "always refused, so an http origin cannot be reached from an https endpoint");
                }
            } catch (IllegalArgumentException e) {
                problem(ALLOWED_ORIGINS_CONFIG, e.getMessage());
            }
        }
        try {
            for (Header header : SecretHeaders.parse(config.secret(AUTH_SECRET_HEADERS_CONFIG))) {
                if (header.value().isEmpty()) {
                    problem(AUTH_SECRET_HEADERS_CONFIG, "'" + header.name() + "' has an empty value");
                }
            }
        } catch (IllegalArgumentException e) {
            problem(AUTH_SECRET_HEADERS_CONFIG, e.getMessage());
        }
        try {
            for (Header header : Header.parseList(config.rawHeaders())) {
                if (CREDENTIAL_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))) {
                    problem(HEADERS_CONFIG, "'" + header.name() + "' carries credentials: http.headers is shown in "
                            + "clear and sent to every origin the connector requests. Use " + AUTH_TYPE_CONFIG
                            + ", or " + AUTH_SECRET_HEADERS_CONFIG + " for a header of your own");
                }
            }
        } catch (IllegalArgumentException e) {
            // reported by checkRequest()
        }
    }

    private List<Endpoint> safeEndpoints() {
        try {
            return Endpoints.all(config);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private boolean requireText(String key, String message) {
        if (config.text(key).isEmpty()) {
            problem(key, message);
            return false;
        }
        return true;
    }

    private void requireSecret(String key, String message) {
        if (config.secret(key).isEmpty()) {
            problem(key, message);
        }
    }

    private void checkPointers() {
        checkPointer(RECORDS_POINTER_CONFIG);
        checkPointer(CURSOR_POINTER_CONFIG);
        checkPointer(NEXT_URL_POINTER_CONFIG);
    }

    private boolean checkPointer(String key) {
        String text = config.text(key);
        String pointerProblem = jsonPointerProblem(text);
        if (pointerProblem != null) {
            problem(key, "expected a JSON Pointer such as /data/items (RFC 6901), got '" + text + "': "
                    + pointerProblem);
            return false;
        }
        return true;
    }

    /**
     * Why {@code text} is not a JSON Pointer (RFC 6901), or null when it is one. Jackson's parser reads a {@code ~}
     * not followed by 0 or 1 as itself; the RFC makes that an error, and a pointer meant as {@code ~1} would
     * silently point nowhere.
     */
    static String jsonPointerProblem(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.charAt(0) != '/') {
            return "it must be empty or start with '/'";
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '~' && (i + 1 == text.length() || (text.charAt(i + 1) != '0'
                    && text.charAt(i + 1) != '1'))) {
                return "'~' at index " + i + " must be followed by 0 (for '~') or 1 (for '/')";
            }
        }
        try {
            JsonPointer.compile(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void checkPagination() {
        PaginationType type = config.paginationType();
        for (Map.Entry<String, PaginationType> entry : PAGINATION_KEYS.entrySet()) {
            if (entry.getValue() != type && isSet(entry.getKey())) {
                problem(entry.getKey(), "applies only to " + PAGINATION_TYPE_CONFIG + "="
                        + entry.getValue().configValue() + ", but it is " + type.configValue());
            }
        }
        String forType = "required for " + PAGINATION_TYPE_CONFIG + "=" + type.configValue();
        boolean templatesUseCursor = templatesUse(Template.CURSOR);
        if (type == PaginationType.CURSOR) {
            requireText(CURSOR_POINTER_CONFIG, forType);
            if (config.text(CURSOR_PARAM_CONFIG).isEmpty() && !templatesUseCursor) {
                problem(CURSOR_PARAM_CONFIG, "empty, and neither the URL nor the body uses {{cursor}}: the cursor "
                        + "would never be sent");
            }
        } else if (templatesUseCursor) {
            problem(isSet(BODY_CONFIG) && safeParse(config.body()) != null
                    && safeParse(config.body()).uses(Template.CURSOR) ? BODY_CONFIG : endpointKey(),
                    "uses {{cursor}}, which needs " + PAGINATION_TYPE_CONFIG + "=cursor");
        }
        if (type == PaginationType.NEXT_URL) {
            requireText(NEXT_URL_POINTER_CONFIG, forType);
        }
        if (type == PaginationType.PAGE_NUMBER) {
            requireText(PAGE_PARAM_CONFIG, forType);
        }
        if (type == PaginationType.OFFSET_LIMIT) {
            requireText(OFFSET_PARAM_CONFIG, forType);
            requireText(LIMIT_PARAM_CONFIG, forType);
        }
    }

    private void checkIncremental() {
        IncrementalMode mode = config.incrementalMode();
        boolean usesId = allTemplatesParse() && templatesUse(Template.INCREMENTAL_ID);
        if (usesId && mode != IncrementalMode.COMPOSITE) {
            problem(isSet(BODY_CONFIG) && safeParse(config.body()) != null
                    && safeParse(config.body()).uses(Template.INCREMENTAL_ID) ? BODY_CONFIG : endpointKey(),
                    "uses {{incremental.id}}, which needs " + INCREMENTAL_MODE_CONFIG + "=composite");
        }
        if (config.incrementalIdField().isPresent()) {
            if (mode == IncrementalMode.EXCLUSIVE) {
                problem(INCREMENTAL_ID_FIELD_CONFIG, "applies only to " + INCREMENTAL_MODE_CONFIG
                        + "=inclusive or composite, but it is exclusive");
            } else {
                try {
                    IncrementalField.of(config.incrementalIdField().get());
                } catch (IllegalArgumentException e) {
                    problem(INCREMENTAL_ID_FIELD_CONFIG, "expected a field name or a JSON Pointer, got '"
                            + config.incrementalIdField().get() + "'");
                }
            }
        }
        if (isSet(INCREMENTAL_IDS_MAX_CONFIG) && mode != IncrementalMode.INCLUSIVE) {
            problem(INCREMENTAL_IDS_MAX_CONFIG, "applies only to " + INCREMENTAL_MODE_CONFIG + "=inclusive, but it is "
                    + mode.configValue());
        }
        if (config.incrementalField().isEmpty()) {
            if (config.incrementalInitial().isPresent()) {
                problem(INCREMENTAL_INITIAL_CONFIG, "set, but " + INCREMENTAL_FIELD_CONFIG + " is empty");
            }
            if (mode != IncrementalMode.EXCLUSIVE) {
                problem(INCREMENTAL_MODE_CONFIG, mode.configValue() + " needs " + INCREMENTAL_FIELD_CONFIG);
            }
            return;
        }
        String field = config.incrementalField().get();
        String pointerProblem = field.startsWith("/") ? jsonPointerProblem(field) : null;
        try {
            IncrementalField.of(field);
        } catch (IllegalArgumentException e) {
            pointerProblem = pointerProblem != null ? pointerProblem : e.getMessage();
        }
        if (pointerProblem != null) {
            problem(INCREMENTAL_FIELD_CONFIG, "expected a field name or a JSON Pointer, got '" + field + "': "
                    + pointerProblem);
            return;
        }
        if (allTemplatesParse() && !templatesUse(Template.INCREMENTAL)) {
            problem(INCREMENTAL_FIELD_CONFIG, "set, but neither the URL nor the body uses {{incremental}}: the "
                    + "value would never reach the server");
        }
        if (mode == IncrementalMode.COMPOSITE) {
            if (config.incrementalIdField().isEmpty()) {
                problem(INCREMENTAL_ID_FIELD_CONFIG, "required for " + INCREMENTAL_MODE_CONFIG + "=composite");
            }
            if (allTemplatesParse() && !usesId) {
                problem(INCREMENTAL_MODE_CONFIG, "composite, but neither the URL nor the body uses "
                        + "{{incremental.id}}: the id half of the cursor would never reach the server");
            }
        }
    }

    private void checkRetries() {
        if (config.retryBackoffInitial().compareTo(config.retryBackoffMax()) > 0) {
            problem(RETRY_BACKOFF_INITIAL_MS_CONFIG, "must not exceed " + RETRY_BACKOFF_MAX_MS_CONFIG + " ("
                    + config.retryBackoffMax().toMillis() + ")");
        }
        if (config.retryMaxAttempts() == 0) {
            problem(RETRY_MAX_ATTEMPTS_CONFIG, "expected -1 (no limit) or at least 1, got 0");
        }
    }

    private void checkInvalidRecords() {
        CommonConfigValidation.checkDeadLetter(config.getString(SchemafirstSourceConfig.INVALID_RECORD_POLICY_CONFIG),
                config.getString(SchemafirstSourceConfig.INVALID_RECORD_TOPIC_CONFIG), this::problem);
    }

    /** The declared schema loads, and the key and timestamp fields exist in it with usable types. */
    private void checkSchemaAndFields() {
        Map<String, String> raw = config.originalsStrings();
        if (CommonConfigValidation.schemaGivenAtMostOnce(raw, this::problem)) {
            CommonConfigValidation.valueSchema(raw, config.valueSchemaType(), config.temporalMapping(), this::problem)
                    .ifPresent(valueSchema -> CommonConfigValidation.checkFields(config.keyFields(),
                            config.timestampField(), valueSchema, this::problem));
        }
    }

    /** False when a template is broken: that is reported on its own key, and guessing what it uses would mislead. */
    private boolean allTemplatesParse() {
        List<String> texts = new ArrayList<>(config.urls());
        texts.add(config.url());
        texts.add(config.body() == null ? "" : config.body());
        return texts.stream().allMatch(text -> safeParse(text) != null);
    }

    private boolean templatesUse(String placeholder) {
        List<String> texts = new ArrayList<>(config.urls());
        texts.add(config.url());
        texts.add(config.body() == null ? "" : config.body());
        for (String text : texts) {
            Template template = safeParse(text);
            if (template != null && template.uses(placeholder)) {
                return true;
            }
        }
        return false;
    }

    private String endpointKey() {
        return config.urls().isEmpty() ? URL_CONFIG : URLS_CONFIG;
    }

    private static Template safeParse(String text) {
        try {
            return Template.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
