package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.core.EnumSetting;
import io.github.schemafirst.connect.core.SchemafirstSourceConfig;
import io.github.schemafirst.connect.http.auth.AuthType;
import io.github.schemafirst.connect.http.pagination.PaginationType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the HTTP source connector: the shared keys of {@link SchemafirstSourceConfig} plus request, TLS,
 * auth, records, pagination, incremental and retry settings. Cross-key checks live in {@link HttpConfigValidation}.
 */
public final class HttpSourceConfig extends SchemafirstSourceConfig {

    public static final String GROUP_REQUEST = "HTTP request";
    public static final String GROUP_TLS = "HTTP TLS";
    public static final String GROUP_AUTH = "HTTP authentication";
    public static final String GROUP_RECORDS = "HTTP records";
    public static final String GROUP_PAGINATION = "HTTP pagination";
    public static final String GROUP_INCREMENTAL = "HTTP incremental polling";
    public static final String GROUP_RETRY = "HTTP retries";

    public static final String URL_CONFIG = "http.url";
    private static final String URL_DOC = "The endpoint URL, a template: {{incremental}} is replaced by the "
            + "incremental value (see http.incremental.field), {{cursor}} by the cursor token of cursor pagination "
            + "(empty on the first page), {{value}} by each of http.url.values. Substituted values are "
            + "percent-encoded. Give this or http.urls.";

    public static final String URLS_CONFIG = "http.urls";
    private static final String URLS_DOC = "Several endpoint URLs (comma-separated), each polled on its own and "
            + "spread over the tasks. Each may use {{incremental}} and {{cursor}}. Give this or http.url.";

    public static final String URL_VALUES_CONFIG = "http.url.values";
    private static final String URL_VALUES_DOC = "Values substituted for {{value}} in http.url, one endpoint per "
            + "value, spread over the tasks.";

    public static final String METHOD_CONFIG = "http.method";
    public static final String METHOD_DEFAULT = "GET";
    private static final String METHOD_DOC = "The request method: GET or POST.";

    public static final String HEADERS_CONFIG = "http.headers";
    private static final String HEADERS_DOC = "Request headers, comma-separated 'Name: value' items. An item with "
            + "no colon continues the previous header's value (so 'Accept: a, b' works). Not for secrets: shown in "
            + "clear and sent to every origin requested; use http.auth.secret.headers.";

    public static final String BODY_CONFIG = "http.body";
    private static final String BODY_DOC = "The request body for POST, a template like http.url; substituted "
            + "values are JSON-string-escaped (write \"since\": \"{{incremental}}\").";

    public static final String BODY_CONTENT_TYPE_CONFIG = "http.body.content.type";
    public static final String BODY_CONTENT_TYPE_DEFAULT = "application/json";
    private static final String BODY_CONTENT_TYPE_DOC = "The Content-Type of the POST body.";

    public static final String POLL_INTERVAL_MS_CONFIG = "http.poll.interval.ms";
    public static final long POLL_INTERVAL_MS_DEFAULT = 60_000L;
    private static final String POLL_INTERVAL_MS_DOC = "Time between the start of two poll cycles of an endpoint. "
            + "A cycle walks all pages; the next cycle starts this long after the previous one started.";

    public static final String VERSION_CONFIG = "http.version";
    public static final String VERSION_DEFAULT = "auto";
    private static final String VERSION_DOC = "The HTTP version to speak. 'auto' (default): HTTP/1.1 when every "
            + "endpoint URL is http:// (the JDK client would otherwise offer an HTTP/2 cleartext upgrade, 'Upgrade: "
            + "h2c', on every request, which HTTP/1.1 servers ignore at a cost: measured 8.5 ms instead of 3.9 ms per "
            + "page of 1,000 records on loopback), else HTTP/2 where TLS negotiates it (ALPN) and HTTP/1.1 where "
            + "it does not. '1.1': always HTTP/1.1. '2': HTTP/2, with the cleartext upgrade on http:// URLs.";

    public static final String CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 10_000L;
    private static final String CONNECT_TIMEOUT_MS_DOC = "Time allowed to open a connection.";

    public static final String READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    public static final long READ_TIMEOUT_MS_DEFAULT = 30_000L;
    private static final String READ_TIMEOUT_MS_DOC = "Time allowed from sending a request to receiving the "
            + "whole response (headers and body); the OAuth2 token request too. A timeout is retried like a 5xx.";

    public static final String TRUSTSTORE_LOCATION_CONFIG = "http.ssl.truststore.location";
    private static final String TRUSTSTORE_LOCATION_DOC = "A trust store file for HTTPS. Empty: the JVM's default "
            + "trust store. Certificates are always verified.";
    public static final String TRUSTSTORE_PASSWORD_CONFIG = "http.ssl.truststore.password";
    private static final String TRUSTSTORE_PASSWORD_DOC = "The trust store password.";
    public static final String TRUSTSTORE_TYPE_CONFIG = "http.ssl.truststore.type";
    public static final String TRUSTSTORE_TYPE_DEFAULT = "PKCS12";
    private static final String TRUSTSTORE_TYPE_DOC = "The trust store format: PKCS12 or JKS.";

    public static final String AUTH_TYPE_CONFIG = "http.auth.type";
    private static final String AUTH_TYPE_DOC = "How requests authenticate: none, basic, bearer, api-key or "
            + "oauth2-client-credentials.";
    public static final String AUTH_USERNAME_CONFIG = "http.auth.username";
    private static final String AUTH_USERNAME_DOC = "User name for basic auth.";
    public static final String AUTH_PASSWORD_CONFIG = "http.auth.password";
    private static final String AUTH_PASSWORD_DOC = "Password for basic auth.";
    public static final String AUTH_TOKEN_CONFIG = "http.auth.token";
    private static final String AUTH_TOKEN_DOC = "Token for bearer auth, sent as 'Authorization: Bearer <token>'.";
    public static final String AUTH_API_KEY_NAME_CONFIG = "http.auth.api.key.name";
    private static final String AUTH_API_KEY_NAME_DOC = "Header or query parameter name of the API key.";
    public static final String AUTH_API_KEY_VALUE_CONFIG = "http.auth.api.key.value";
    private static final String AUTH_API_KEY_VALUE_DOC = "The API key.";
    public static final String AUTH_API_KEY_LOCATION_CONFIG = "http.auth.api.key.location";
    public static final String AUTH_API_KEY_LOCATION_DEFAULT = "header";
    private static final String AUTH_API_KEY_LOCATION_DOC = "Where the API key goes: header or query.";
    public static final String OAUTH2_TOKEN_URL_CONFIG = "http.auth.oauth2.token.url";
    private static final String OAUTH2_TOKEN_URL_DOC = "The OAuth 2.0 token endpoint (client credentials grant).";
    public static final String OAUTH2_CLIENT_ID_CONFIG = "http.auth.oauth2.client.id";
    private static final String OAUTH2_CLIENT_ID_DOC = "The OAuth 2.0 client id.";
    public static final String OAUTH2_CLIENT_SECRET_CONFIG = "http.auth.oauth2.client.secret";
    private static final String OAUTH2_CLIENT_SECRET_DOC = "The OAuth 2.0 client secret (sent with HTTP basic "
            + "auth to the token endpoint).";
    public static final String OAUTH2_SCOPE_CONFIG = "http.auth.oauth2.scope";
    private static final String OAUTH2_SCOPE_DOC = "The scope to request; empty: none.";
    public static final String OAUTH2_TOKEN_URL_ALLOW_HTTP_CONFIG = "http.auth.oauth2.token.url.allow.http";
    private static final String OAUTH2_TOKEN_URL_ALLOW_HTTP_DOC = "Allow an http:// token URL, which sends the "
            + "client secret unencrypted (e.g. a token endpoint on localhost). Off: only https:// is accepted.";
    public static final String AUTH_SECRET_HEADERS_CONFIG = "http.auth.secret.headers";
    private static final String AUTH_SECRET_HEADERS_DOC = "Headers carrying secrets (an API that needs a second "
            + "key), 'Name: value' items separated by commas or new lines. Sent with any auth type, and like the "
            + "credentials only to the origins of the endpoint URLs. Unlike http.headers, masked in the REST API "
            + "and logs.";
    public static final String ALLOWED_ORIGINS_CONFIG = "http.allowed.origins";
    private static final String ALLOWED_ORIGINS_DOC = "Origins (https://host[:port]) besides those of the endpoint "
            + "URLs that next-url and link-header links and redirects may lead to. Requests there carry no "
            + "credentials. Empty: a link or redirect to another origin fails the task.";

    public static final String RECORDS_POINTER_CONFIG = "http.records.pointer";
    private static final String RECORDS_POINTER_DOC = "JSON Pointer (RFC 6901) to the array of records in the "
            + "response body, e.g. /data/items. Empty: the body itself is the array, or a single object is one "
            + "record.";

    public static final String RESPONSE_MAX_BYTES_CONFIG = "http.response.max.bytes";
    public static final int RESPONSE_MAX_BYTES_DEFAULT = 64 * 1024 * 1024;
    private static final String RESPONSE_MAX_BYTES_DOC = "The longest response body read, in bytes (the OAuth2 "
            + "token response too). Reading stops there: a longer page is handled like a page that is not JSON (the "
            + "invalid record policy, with its first 1 KiB as the dead letter; the same page is asked for again "
            + "later), so a huge or endless body cannot exhaust the worker's heap. A body is held in memory whole "
            + "while its records are parsed, and with http.pagination.prefetch.enabled the next page's body can "
            + "arrive meanwhile: up to twice this per endpoint; keep it well below the worker's heap.";

    public static final String PAGINATION_TYPE_CONFIG = "http.pagination.type";
    private static final String PAGINATION_TYPE_DOC = "How to walk pages: none, page-number, offset-limit, cursor, "
            + "next-url or link-header. A cycle stops on an empty page or when there is no next page.";
    public static final String PREFETCH_ENABLED_CONFIG = "http.pagination.prefetch.enabled";
    public static final boolean PREFETCH_ENABLED_DEFAULT = true;
    private static final String PREFETCH_ENABLED_DOC = "Whether the next page of a cycle is requested as soon as "
            + "the current page is parsed, so it travels while the current page's records are mapped and handed to "
            + "the worker: at most one request per endpoint at a time, and the next page is read, its records given "
            + "offsets and its failures retried only after the current page's records, as without prefetch. Costs "
            + "memory for one more response body per endpoint (up to http.response.max.bytes). Off: each page is "
            + "requested once the previous one has been handed over.";
    public static final String PAGE_PARAM_CONFIG = "http.pagination.page.param";
    private static final String PAGE_PARAM_DOC = "page-number: query parameter carrying the page number.";
    public static final String PAGE_START_CONFIG = "http.pagination.page.start";
    private static final String PAGE_START_DOC = "page-number: number of the first page.";
    public static final String SIZE_PARAM_CONFIG = "http.pagination.size.param";
    private static final String SIZE_PARAM_DOC = "page-number: query parameter carrying the page size; empty: "
            + "none is sent.";
    public static final String SIZE_CONFIG = "http.pagination.size";
    private static final String SIZE_DOC = "page-number: the page size sent in http.pagination.size.param.";
    public static final String OFFSET_PARAM_CONFIG = "http.pagination.offset.param";
    private static final String OFFSET_PARAM_DOC = "offset-limit: query parameter carrying the offset (records "
            + "received so far in the cycle).";
    public static final String LIMIT_PARAM_CONFIG = "http.pagination.limit.param";
    private static final String LIMIT_PARAM_DOC = "offset-limit: query parameter carrying the limit.";
    public static final String LIMIT_CONFIG = "http.pagination.limit";
    private static final String LIMIT_DOC = "offset-limit: records per page.";
    public static final String CURSOR_POINTER_CONFIG = "http.pagination.cursor.pointer";
    private static final String CURSOR_POINTER_DOC = "cursor: JSON Pointer to the next page's token in the "
            + "response body; a missing, null or empty token ends the cycle.";
    public static final String CURSOR_PARAM_CONFIG = "http.pagination.cursor.param";
    private static final String CURSOR_PARAM_DOC = "cursor: query parameter carrying the token (not sent on the "
            + "first page). Empty: the token is only used where the URL or body template says {{cursor}}.";
    public static final String NEXT_URL_POINTER_CONFIG = "http.pagination.next.url.pointer";
    private static final String NEXT_URL_POINTER_DOC = "next-url: JSON Pointer to the next page's URL in the "
            + "response body (absolute or relative to the request URL); missing, null or empty ends the cycle.";

    public static final String INCREMENTAL_FIELD_CONFIG = "http.incremental.field";
    private static final String INCREMENTAL_FIELD_DOC = "A field of each record (top-level name, or a JSON "
            + "Pointer) holding an increasing id or timestamp. The highest value seen is kept in the source offset "
            + "and substituted for {{incremental}} in the next cycle's requests. Numbers compare numerically, other "
            + "values as strings (use one ISO-8601 format with a fixed zone for timestamps).";
    public static final String INCREMENTAL_INITIAL_CONFIG = "http.incremental.initial";
    private static final String INCREMENTAL_INITIAL_DOC = "The incremental value of the first cycle, before any "
            + "offset exists.";
    public static final String INCREMENTAL_MODE_CONFIG = "http.incremental.mode";
    private static final String INCREMENTAL_MODE_DOC = "How the API filters on the incremental value, and so how "
            + "the connector keeps its place. 'exclusive': the API returns records with a value greater than "
            + "{{incremental}}; the highest value seen is kept (records that share it and appear later are missed). "
            + "'inclusive': the API returns records with a value greater than or equal to {{incremental}}; the "
            + "connector also keeps the ids of the records at the highest value (http.incremental.id.field, or a "
            + "digest of the record) and drops those it already delivered: no loss, no repeats. 'composite': the API "
            + "takes a (value, id) cursor, {{incremental}} and {{incremental.id}}, and returns the records after it "
            + "in (value, id) order.";
    public static final String INCREMENTAL_ID_FIELD_CONFIG = "http.incremental.id.field";
    private static final String INCREMENTAL_ID_FIELD_DOC = "inclusive and composite modes: a field of each record "
            + "(top-level name, or a JSON Pointer) holding an id unique among the records that share an "
            + "incremental value. Required for composite. Empty in inclusive mode: a record is identified by a "
            + "SHA-256 digest of its JSON text.";
    public static final String INCREMENTAL_IDS_MAX_CONFIG = "http.incremental.ids.max";
    public static final int INCREMENTAL_IDS_MAX_DEFAULT = 1000;
    private static final String INCREMENTAL_IDS_MAX_DOC = "inclusive mode: the most ids kept in the source offset, "
            + "i.e. the most records that may share one incremental value within a cycle. Beyond it the task fails "
            + "with a message rather than lose or repeat records (raise it, or use a finer value). Ids longer than "
            + "64 characters are stored as 50-character digests; the offset holds up to about 64 bytes per id.";

    public static final String RETRY_MAX_ATTEMPTS_CONFIG = "http.retry.max.attempts";
    public static final int RETRY_MAX_ATTEMPTS_DEFAULT = 10;
    private static final String RETRY_MAX_ATTEMPTS_DOC = "Attempts per request (the first included) on 429, 5xx, "
            + "timeouts and connection errors before the task fails; -1 retries forever.";
    public static final String RETRY_BACKOFF_INITIAL_MS_CONFIG = "http.retry.backoff.initial.ms";
    public static final long RETRY_BACKOFF_INITIAL_MS_DEFAULT = 500L;
    private static final String RETRY_BACKOFF_INITIAL_MS_DOC = "Backoff before the first retry; doubles per "
            + "attempt, with jitter. A Retry-After header on 429/503 takes precedence.";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "http.retry.backoff.max.ms";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 60_000L;
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "The longest backoff between attempts.";
    public static final String RETRY_AFTER_MAX_MS_CONFIG = "http.retry.after.max.ms";
    private static final String RETRY_AFTER_MAX_MS_DOC = "The longest wait a Retry-After header (on 429 and 503) "
            + "can ask for; a longer one waits this long, with a warning. -1: the value of http.retry.backoff.max.ms.";

    /** Internal: which endpoints (indices into the endpoint list) a task polls; set by the connector. */
    public static final String TASK_ENDPOINTS_CONFIG = "http.task.endpoint.indices";

    public static final ConfigDef CONFIG_DEF = configDef();

    public HttpSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = commonConfigDef();
        int order = 0;
        def.define(URL_CONFIG, Type.STRING, "", Importance.HIGH, URL_DOC, GROUP_REQUEST, ++order, Width.LONG,
                "URL template");
        def.define(URLS_CONFIG, Type.LIST, "", Importance.HIGH, URLS_DOC, GROUP_REQUEST, ++order, Width.LONG,
                "URLs");
        def.define(URL_VALUES_CONFIG, Type.LIST, "", Importance.MEDIUM, URL_VALUES_DOC, GROUP_REQUEST, ++order,
                Width.LONG, "URL template values");
        EnumSetting methods = EnumSetting.of("GET", "POST");
        def.define(METHOD_CONFIG, Type.STRING, METHOD_DEFAULT, methods, Importance.MEDIUM, METHOD_DOC, GROUP_REQUEST,
                ++order, Width.SHORT, "Method", methods);
        def.define(HEADERS_CONFIG, Type.LIST, "", Importance.MEDIUM, HEADERS_DOC, GROUP_REQUEST, ++order, Width.LONG,
                "Headers");
        def.define(BODY_CONFIG, Type.STRING, "", Importance.MEDIUM, BODY_DOC, GROUP_REQUEST, ++order, Width.LONG,
                "Body template");
        def.define(BODY_CONTENT_TYPE_CONFIG, Type.STRING, BODY_CONTENT_TYPE_DEFAULT, Importance.LOW,
                BODY_CONTENT_TYPE_DOC, GROUP_REQUEST, ++order, Width.MEDIUM, "Body content type");
        def.define(POLL_INTERVAL_MS_CONFIG, Type.LONG, POLL_INTERVAL_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.HIGH, POLL_INTERVAL_MS_DOC, GROUP_REQUEST, ++order, Width.SHORT, "Poll interval (ms)");
        EnumSetting versions = EnumSetting.of("auto", "1.1", "2");
        def.define(VERSION_CONFIG, Type.STRING, VERSION_DEFAULT, versions, Importance.LOW, VERSION_DOC, GROUP_REQUEST,
                ++order, Width.SHORT, "HTTP version", versions);
        def.define(CONNECT_TIMEOUT_MS_CONFIG, Type.LONG, CONNECT_TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1),
                Importance.LOW, CONNECT_TIMEOUT_MS_DOC, GROUP_REQUEST, ++order, Width.SHORT, "Connect timeout (ms)");
        def.define(READ_TIMEOUT_MS_CONFIG, Type.LONG, READ_TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1),
                Importance.LOW, READ_TIMEOUT_MS_DOC, GROUP_REQUEST, ++order, Width.SHORT, "Read timeout (ms)");

        order = 0;
        def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.MEDIUM, TRUSTSTORE_LOCATION_DOC,
                GROUP_TLS, ++order, Width.LONG, "Trust store");
        def.define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, TRUSTSTORE_PASSWORD_DOC,
                GROUP_TLS, ++order, Width.MEDIUM, "Trust store password");
        EnumSetting storeTypes = EnumSetting.of("PKCS12", "JKS");
        def.define(TRUSTSTORE_TYPE_CONFIG, Type.STRING, TRUSTSTORE_TYPE_DEFAULT, storeTypes, Importance.LOW,
                TRUSTSTORE_TYPE_DOC, GROUP_TLS, ++order, Width.SHORT, "Trust store type", storeTypes);

        order = 0;
        EnumSetting authTypes = EnumSetting.of(AuthType.configValues());
        def.define(AUTH_TYPE_CONFIG, Type.STRING, AuthType.NONE.configValue(), authTypes, Importance.HIGH,
                AUTH_TYPE_DOC, GROUP_AUTH, ++order, Width.MEDIUM, "Auth type", authTypes);
        def.define(AUTH_USERNAME_CONFIG, Type.STRING, "", Importance.MEDIUM, AUTH_USERNAME_DOC, GROUP_AUTH,
                ++order, Width.MEDIUM, "User name");
        def.define(AUTH_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, AUTH_PASSWORD_DOC, GROUP_AUTH,
                ++order, Width.MEDIUM, "Password");
        def.define(AUTH_TOKEN_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, AUTH_TOKEN_DOC, GROUP_AUTH, ++order,
                Width.LONG, "Bearer token");
        def.define(AUTH_API_KEY_NAME_CONFIG, Type.STRING, "", Importance.MEDIUM, AUTH_API_KEY_NAME_DOC, GROUP_AUTH,
                ++order, Width.MEDIUM, "API key name");
        def.define(AUTH_API_KEY_VALUE_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, AUTH_API_KEY_VALUE_DOC,
                GROUP_AUTH, ++order, Width.LONG, "API key");
        EnumSetting keyLocations = EnumSetting.of("header", "query");
        def.define(AUTH_API_KEY_LOCATION_CONFIG, Type.STRING, AUTH_API_KEY_LOCATION_DEFAULT, keyLocations,
                Importance.MEDIUM, AUTH_API_KEY_LOCATION_DOC, GROUP_AUTH, ++order, Width.SHORT, "API key location",
                keyLocations);
        def.define(OAUTH2_TOKEN_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, OAUTH2_TOKEN_URL_DOC, GROUP_AUTH,
                ++order, Width.LONG, "OAuth2 token URL");
        def.define(OAUTH2_CLIENT_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, OAUTH2_CLIENT_ID_DOC, GROUP_AUTH,
                ++order, Width.MEDIUM, "OAuth2 client id");
        def.define(OAUTH2_CLIENT_SECRET_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, OAUTH2_CLIENT_SECRET_DOC,
                GROUP_AUTH, ++order, Width.MEDIUM, "OAuth2 client secret");
        def.define(OAUTH2_SCOPE_CONFIG, Type.STRING, "", Importance.LOW, OAUTH2_SCOPE_DOC, GROUP_AUTH, ++order,
                Width.MEDIUM, "OAuth2 scope");
        def.define(OAUTH2_TOKEN_URL_ALLOW_HTTP_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                OAUTH2_TOKEN_URL_ALLOW_HTTP_DOC, GROUP_AUTH, ++order, Width.SHORT, "Allow an http:// token URL");
        def.define(AUTH_SECRET_HEADERS_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, AUTH_SECRET_HEADERS_DOC,
                GROUP_AUTH, ++order, Width.LONG, "Secret headers");
        def.define(ALLOWED_ORIGINS_CONFIG, Type.LIST, "", Importance.MEDIUM, ALLOWED_ORIGINS_DOC, GROUP_AUTH,
                ++order, Width.LONG, "Other allowed origins");

        order = 0;
        def.define(RECORDS_POINTER_CONFIG, Type.STRING, "", Importance.HIGH, RECORDS_POINTER_DOC, GROUP_RECORDS,
                ++order, Width.MEDIUM, "Records pointer");

        def.define(RESPONSE_MAX_BYTES_CONFIG, Type.INT, RESPONSE_MAX_BYTES_DEFAULT,
                ConfigDef.Range.between(1024, Integer.MAX_VALUE - 8), Importance.MEDIUM, RESPONSE_MAX_BYTES_DOC,
                GROUP_RECORDS, ++order, Width.SHORT, "Max response bytes");

        order = 0;
        EnumSetting paginationTypes = EnumSetting.of(PaginationType.configValues());
        def.define(PAGINATION_TYPE_CONFIG, Type.STRING, PaginationType.NONE.configValue(), paginationTypes,
                Importance.HIGH, PAGINATION_TYPE_DOC, GROUP_PAGINATION, ++order, Width.MEDIUM, "Pagination",
                paginationTypes);
        def.define(PAGE_PARAM_CONFIG, Type.STRING, "page", Importance.MEDIUM, PAGE_PARAM_DOC, GROUP_PAGINATION,
                ++order, Width.SHORT, "Page parameter");
        def.define(PAGE_START_CONFIG, Type.LONG, 1L, Importance.LOW, PAGE_START_DOC, GROUP_PAGINATION, ++order,
                Width.SHORT, "First page");
        def.define(SIZE_PARAM_CONFIG, Type.STRING, "", Importance.LOW, SIZE_PARAM_DOC, GROUP_PAGINATION, ++order,
                Width.SHORT, "Page size parameter");
        def.define(SIZE_CONFIG, Type.INT, 100, ConfigDef.Range.atLeast(1), Importance.LOW, SIZE_DOC,
                GROUP_PAGINATION, ++order, Width.SHORT, "Page size");
        def.define(OFFSET_PARAM_CONFIG, Type.STRING, "offset", Importance.MEDIUM, OFFSET_PARAM_DOC, GROUP_PAGINATION,
                ++order, Width.SHORT, "Offset parameter");
        def.define(LIMIT_PARAM_CONFIG, Type.STRING, "limit", Importance.MEDIUM, LIMIT_PARAM_DOC, GROUP_PAGINATION,
                ++order, Width.SHORT, "Limit parameter");
        def.define(LIMIT_CONFIG, Type.INT, 100, ConfigDef.Range.atLeast(1), Importance.LOW, LIMIT_DOC,
                GROUP_PAGINATION, ++order, Width.SHORT, "Limit");
        def.define(CURSOR_POINTER_CONFIG, Type.STRING, "", Importance.MEDIUM, CURSOR_POINTER_DOC, GROUP_PAGINATION,
                ++order, Width.MEDIUM, "Cursor pointer");
        def.define(CURSOR_PARAM_CONFIG, Type.STRING, "cursor", Importance.MEDIUM, CURSOR_PARAM_DOC,
                GROUP_PAGINATION, ++order, Width.SHORT, "Cursor parameter");
        def.define(NEXT_URL_POINTER_CONFIG, Type.STRING, "", Importance.MEDIUM, NEXT_URL_POINTER_DOC,
                GROUP_PAGINATION, ++order, Width.MEDIUM, "Next URL pointer");
        def.define(PREFETCH_ENABLED_CONFIG, Type.BOOLEAN, PREFETCH_ENABLED_DEFAULT, Importance.LOW,
                PREFETCH_ENABLED_DOC, GROUP_PAGINATION, ++order, Width.SHORT, "Prefetch the next page");

        order = 0;
        def.define(INCREMENTAL_FIELD_CONFIG, Type.STRING, "", Importance.MEDIUM, INCREMENTAL_FIELD_DOC,
                GROUP_INCREMENTAL, ++order, Width.MEDIUM, "Incremental field");
        def.define(INCREMENTAL_INITIAL_CONFIG, Type.STRING, "", Importance.MEDIUM, INCREMENTAL_INITIAL_DOC,
                GROUP_INCREMENTAL, ++order, Width.MEDIUM, "Initial incremental value");
        EnumSetting incrementalModes = EnumSetting.of(IncrementalMode.configValues());
        def.define(INCREMENTAL_MODE_CONFIG, Type.STRING, IncrementalMode.EXCLUSIVE.configValue(), incrementalModes,
                Importance.MEDIUM, INCREMENTAL_MODE_DOC, GROUP_INCREMENTAL, ++order, Width.SHORT, "Incremental mode",
                incrementalModes);
        def.define(INCREMENTAL_ID_FIELD_CONFIG, Type.STRING, "", Importance.MEDIUM, INCREMENTAL_ID_FIELD_DOC,
                GROUP_INCREMENTAL, ++order, Width.MEDIUM, "Incremental id field");
        def.define(INCREMENTAL_IDS_MAX_CONFIG, Type.INT, INCREMENTAL_IDS_MAX_DEFAULT,
                ConfigDef.Range.between(1, 10_000),
                Importance.LOW, INCREMENTAL_IDS_MAX_DOC, GROUP_INCREMENTAL, ++order, Width.SHORT,
                "Max ids at one value");

        order = 0;
        def.define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, RETRY_MAX_ATTEMPTS_DEFAULT, ConfigDef.Range.atLeast(-1),
                Importance.MEDIUM, RETRY_MAX_ATTEMPTS_DOC, GROUP_RETRY, ++order, Width.SHORT, "Max attempts");
        def.define(RETRY_BACKOFF_INITIAL_MS_CONFIG, Type.LONG, RETRY_BACKOFF_INITIAL_MS_DEFAULT,
                ConfigDef.Range.atLeast(0), Importance.LOW, RETRY_BACKOFF_INITIAL_MS_DOC, GROUP_RETRY, ++order,
                Width.SHORT, "Initial backoff (ms)");
        def.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC, GROUP_RETRY, ++order, Width.SHORT, "Max backoff (ms)");
        def.define(RETRY_AFTER_MAX_MS_CONFIG, Type.LONG, -1L, ConfigDef.Range.atLeast(-1), Importance.LOW,
                RETRY_AFTER_MAX_MS_DOC, GROUP_RETRY, ++order, Width.SHORT, "Max Retry-After (ms)");

        def.defineInternal(TASK_ENDPOINTS_CONFIG, Type.LIST, "", Importance.LOW);
        return def;
    }

    public String url() {
        return getString(URL_CONFIG).trim();
    }

    public List<String> urls() {
        return nonBlankItems(getList(URLS_CONFIG));
    }

    public List<String> urlValues() {
        return nonBlankItems(getList(URL_VALUES_CONFIG));
    }

    public String method() {
        return getString(METHOD_CONFIG).trim().toUpperCase(java.util.Locale.ROOT);
    }

    public List<String> rawHeaders() {
        return getList(HEADERS_CONFIG);
    }

    public String body() {
        return getString(BODY_CONFIG);
    }

    public String bodyContentType() {
        return getString(BODY_CONTENT_TYPE_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    /** The version the HTTP client speaks, see {@link #VERSION_CONFIG}. */
    public HttpClient.Version httpVersion() {
        switch (getString(VERSION_CONFIG).trim()) {
            case "1.1":
                return HttpClient.Version.HTTP_1_1;
            case "2":
                return HttpClient.Version.HTTP_2;
            default:
                for (Endpoint endpoint : Endpoints.all(this)) {
                    if (endpoint.id().regionMatches(true, 0, "https://", 0, 8)) {
                        return HttpClient.Version.HTTP_2;
                    }
                }
                return HttpClient.Version.HTTP_1_1;
        }
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS_CONFIG));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getLong(READ_TIMEOUT_MS_CONFIG));
    }

    public Optional<String> truststoreLocation() {
        return nonBlank(getString(TRUSTSTORE_LOCATION_CONFIG));
    }

    public Password truststorePassword() {
        return getPassword(TRUSTSTORE_PASSWORD_CONFIG);
    }

    public String truststoreType() {
        return getString(TRUSTSTORE_TYPE_CONFIG).trim().toUpperCase(java.util.Locale.ROOT);
    }

    public AuthType authType() {
        return AuthType.fromConfigValue(getString(AUTH_TYPE_CONFIG));
    }

    /** {@code http.allowed.origins}, as written. */
    public List<String> allowedOrigins() {
        return nonBlankItems(getList(ALLOWED_ORIGINS_CONFIG));
    }

    public String recordsPointer() {
        return getString(RECORDS_POINTER_CONFIG).trim();
    }

    public PaginationType paginationType() {
        return PaginationType.fromConfigValue(getString(PAGINATION_TYPE_CONFIG));
    }

    public Optional<String> incrementalField() {
        return nonBlank(getString(INCREMENTAL_FIELD_CONFIG));
    }

    public Optional<String> incrementalInitial() {
        return nonBlank(getString(INCREMENTAL_INITIAL_CONFIG));
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS_CONFIG);
    }

    public Duration retryBackoffInitial() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS_CONFIG));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    /** The longest Retry-After honoured: {@code http.retry.after.max.ms}, or the backoff maximum when -1. */
    public Duration retryAfterMax() {
        long ms = getLong(RETRY_AFTER_MAX_MS_CONFIG);
        return ms < 0 ? retryBackoffMax() : Duration.ofMillis(ms);
    }

    public int responseMaxBytes() {
        return getInt(RESPONSE_MAX_BYTES_CONFIG);
    }

    /** Whether the next page of a cycle is requested while the current one is handed over. */
    public boolean prefetchEnabled() {
        return getBoolean(PREFETCH_ENABLED_CONFIG);
    }

    public IncrementalMode incrementalMode() {
        return IncrementalMode.fromConfigValue(getString(INCREMENTAL_MODE_CONFIG));
    }

    public Optional<String> incrementalIdField() {
        return nonBlank(getString(INCREMENTAL_ID_FIELD_CONFIG));
    }

    public int incrementalIdsMax() {
        return getInt(INCREMENTAL_IDS_MAX_CONFIG);
    }

    /** The endpoint indices assigned to this task; empty when the config is not a task config. */
    public List<Integer> taskEndpointIndices() {
        List<Integer> indices = new ArrayList<>();
        for (String item : nonBlankItems(getList(TASK_ENDPOINTS_CONFIG))) {
            indices.add(Integer.parseInt(item));
        }
        return indices;
    }

    /** A secret's clear text, or empty when unset. */
    public String secret(String key) {
        Password password = getPassword(key);
        return password == null || password.value() == null ? "" : password.value();
    }

    /** A plain string setting, trimmed (for the per-auth and per-pagination keys). */
    public String text(String key) {
        String value = getString(key);
        return value == null ? "" : value.trim();
    }

    private static List<String> nonBlankItems(List<String> items) {
        List<String> result = new ArrayList<>();
        for (String item : items) {
            if (!item.trim().isEmpty()) {
                result.add(item.trim());
            }
        }
        return Collections.unmodifiableList(result);
    }
}
