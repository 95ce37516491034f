package io.github.schemafirst.connect.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.net.BoundedExchange;
import io.github.schemafirst.connect.net.ResponseBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking client of the Confluent Schema Registry REST API (served as well by Apicurio's ccompat API and
 * Karapace). Thread-safe. Each HTTP exchange, headers and body, is bounded by the request timeout; a call tries the
 * base URLs in turn only when one gives no answer (so at worst it takes one timeout per URL), and an HTTP error
 * answer is final. It starts with the URL that last answered, as Confluent's client does.
 *
 * <p>Credentials go only to the configured URLs: redirects are not followed (a 3xx is an error saying so), because
 * the JDK would send the {@code Authorization} header set on a request to wherever a redirect points.
 */
public final class SchemaRegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** As Confluent's client: the versioned type first, plain JSON accepted (some proxies rewrite the type). */
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json;"
            + " qs=0.9, application/json; qs=0.5";
    /** Far above any real schema; only to keep a misbehaving server from filling the heap. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private final RegistryConnection connection;
    private final Duration requestTimeout;
    private final HttpClient http;
    /** The base URL that answered last: the next call starts there. */
    private final AtomicInteger preferredUrl = new AtomicInteger();

    public SchemaRegistryClient(RegistryConnection connection, Duration requestTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the registry request timeout must be positive: " + requestTimeout);
        }
        this.requestTimeout = requestTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/1.1: over plain http the JDK's HTTP/2 default offers an h2c upgrade on every request,
                // which costs time against the HTTP/1.1 servers registries are
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(requestTimeout);
        connection.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    public RegistryConnection connection() {
        return connection;
    }

    /**
     * {@code POST /subjects/{subject}}: the version under {@code subject} that holds this document (as the registry
     * compares documents: parsed, so formatting does not matter but doc strings and properties may).
     *
     * @return empty when the subject does not exist or holds no such document (error codes 40401, 40403)
     */
    public Optional<RegisteredSchema> lookup(String subject, SchemaDocument document) {
        requireSubject(subject);
        return send("POST", RegistryPaths.subject(subject), RegistryJson.schemaRequest(document), subject,
                RegistryException.SUBJECT_NOT_FOUND, RegistryException.SCHEMA_NOT_FOUND)
                .map(answer -> registeredSchema(answer, subject));
    }

    /**
     * {@code POST /subjects/{subject}/versions}: registers the document, a new version when it differs from what
     * the subject holds. Idempotent: a document already under the subject returns its existing id.
     *
     * @return the schema's global id
     * @throws RegistryException 409 when incompatible with the subject's compatibility level, 422 when invalid
     */
    public int register(String subject, SchemaDocument document) {
        requireSubject(subject);
        Answer answer = send("POST", RegistryPaths.versions(subject), RegistryJson.schemaRequest(document), subject)
                .orElseThrow();
        try {
            return RegistryJson.id(answer.body);
        } catch (IOException e) {
            throw unexpectedAnswer(answer.request, subject, 200, e);
        }
    }

    /**
     * {@code GET /subjects/{subject}/versions/{version}}.
     *
     * @param version {@code latest} or a version number from 1
     * @return empty when the subject or the version does not exist (40401, 40402)
     */
    public Optional<RegisteredSchema> version(String subject, String version) {
        requireSubject(subject);
        if (version == null || !(version.equals("latest") || version.matches("[1-9][0-9]{0,9}"))) {
            throw new IllegalArgumentException("a schema version is 'latest' or a number from 1, not '"
                    + version + "'");
        }
        return send("GET", RegistryPaths.version(subject, version), null, subject,
                RegistryException.SUBJECT_NOT_FOUND, RegistryException.VERSION_NOT_FOUND)
                .map(answer -> registeredSchema(answer, subject));
    }

    /** {@code GET /subjects}: every subject the registry holds. */
    public List<String> subjects() {
        Answer answer = send("GET", RegistryPaths.subjects(), null, null).orElseThrow();
        try {
            return RegistryJson.subjects(answer.body);
        } catch (IOException e) {
            throw unexpectedAnswer(answer.request, null, 200, e);
        }
    }

    /**
     * {@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}: whether the document may be
     * registered under the subject at its compatibility level. A subject without versions takes anything: the
     * registry's 404 is reported as compatible, without messages (Confluent answers 40401 for an unknown subject,
     * Apicurio 40402, no version 'latest'). Incompatible results carry Confluent's {@code messages}, or Apicurio's
     * {@code reason} as the one message.
     */
    public CompatibilityResult checkCompatibility(String subject, SchemaDocument document) {
        requireSubject(subject);
        Optional<Answer> answer = send("POST", RegistryPaths.compatibilityWithLatest(subject),
                RegistryJson.schemaRequest(document), subject,
                RegistryException.SUBJECT_NOT_FOUND, RegistryException.VERSION_NOT_FOUND);
        if (answer.isEmpty()) {
            return CompatibilityResult.compatibleResult();
        }
        try {
            return RegistryJson.compatibility(answer.get().body);
        } catch (IOException e) {
            throw unexpectedAnswer(answer.get().request, subject, 200, e);
        }
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("a registry subject must not be empty");
        }
    }

    private static RegisteredSchema registeredSchema(Answer answer, String subject) {
        try {
            return RegistryJson.registeredSchema(subject, answer.body);
        } catch (IOException | IllegalArgumentException e) {
            throw unexpectedAnswer(answer.request, subject, 200, e);
        }
    }

    /**
     * One call: tries the base URLs from the preferred one until one answers.
     *
     * @param absentCodes 404 error codes that mean "not there" (an empty result) rather than a failure
     * @return the parsed 2xx body, or empty for a 404 with one of {@code absentCodes}
     */
    private Optional<Answer> send(String method, String path, byte[] body, String subject, int... absentCodes) {
        List<URI> urls = connection.baseUrls();
        int first = preferredUrl.get();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (first + attempt) % urls.size();
            URI url = URI.create(urls.get(index) + path);
            HttpResponse<ResponseBody> response;
            try {
                // the whole answer within the timeout (the JDK's request timeout covers only the headers)
                response = BoundedExchange.exchange(http, request(method, url, body), requestTimeout,
                        MAX_ANSWER_BYTES);
            } catch (IOException e) {
                if (lastFailure != null) {
                    e.addSuppressed(lastFailure);
                }
                lastFailure = e;
                if (attempt + 1 < urls.size()) {
                    LOG.warn("Schema registry at {} gave no answer ({}); trying {}", urls.get(index), e.toString(),
                            urls.get((index + 1) % urls.size()));
                }
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.unreachable(method + " " + url, subject, e);
            }
            preferredUrl.set(index);
            return answer(method, url, subject, response, absentCodes);
        }
        String request = urls.size() == 1 ? method + " " + urls.get(0) + path
                : method + " " + path + " at each of " + urls;
        throw RegistryException.unreachable(request, subject, lastFailure);
    }

    private HttpRequest request(String method, URI url, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        connection.authorization().ifPresent(value -> request.header("Authorization", value));
        return request.build();
    }

    private Optional<Answer> answer(String method, URI url, String subject, HttpResponse<ResponseBody> response,
                                      int... absentCodes) {
        int status = response.statusCode();
        String request = method + " " + url;
        ResponseBody body = response.body();
        if (status / 100 == 2) {
            if (body.overLimit()) {
                throw new RegistryException(request, subject, status, 0, "the answer is longer than "
                        + MAX_ANSWER_BYTES + " bytes; it was not read", null);
            }
            try {
                return Optional.of(new Answer(request, RegistryJson.parse(body.bytes())));
            } catch (IOException e) {
                throw unexpectedAnswer(request, subject, status, e);
            }
        }
        if (status / 100 == 3) {
            String location = response.headers().firstValue("Location").map(SchemaRegistryClient::shownLocation)
                    .orElse("(no Location header)");
            throw new RegistryException(request, subject, status, 0, "the registry redirects to " + location
                    + ", which is not followed so that credentials go only to the configured URLs:"
                    + " configure the URL it redirects to instead", null);
        }
        RegistryJson.ErrorBody error = RegistryJson.error(body.bytes(), body.overLimit());
        if (status == 404) {
            for (int absent : absentCodes) {
                if (error.errorCode == absent) {
                    return Optional.empty();
                }
            }
        }
        throw new RegistryException(request, subject, status, error.errorCode, connection.redact(error.message),
                null);
    }

    /** A 2xx answer: the request it answered ({@code METHOD URL}, for messages) and its JSON body. */
    private static final class Answer {
        final String request;
        final JsonNode body;

        Answer(String request, JsonNode body) {
            this.request = request;
            this.body = body;
        }
    }

    /** A redirect target as it may be shown: scheme, host, port and path, not user info or query. */
    private static String shownLocation(String location) {
        try {
            URI uri = URI.create(location.trim());
            if (uri.getHost() == null) {
                return uri.getRawPath();
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(an unparseable Location)";
        }
    }

    /** A 2xx answer whose body is not what the API defines: most likely the URL is not the API root. */
    private static RegistryException unexpectedAnswer(String request, String subject, int status, Exception e) {
        return new RegistryException(request, subject, status, 0,
                "the answer is not the registry API's JSON (" + e.getMessage() + "); is the URL the API root?", e);
    }
}
