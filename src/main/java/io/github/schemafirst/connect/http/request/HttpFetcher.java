package io.github.schemafirst.connect.http.request;

import io.github.schemafirst.connect.http.auth.Authenticator;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request and returns its 2xx response, retrying what is worth retrying: 429 and 503 after their
 * {@code Retry-After} (or the backoff when absent), other 5xx, timeouts and connection errors after an exponential
 * backoff with jitter, a 401 once with fresh credentials. Any other status fails at once with the status and the
 * start of the body; so does running out of attempts.
 */
public final class HttpFetcher {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Authenticator auth;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    /** Where credentials and redirects may go; null: only within the origin of each request's own URL. */
    private final OriginPolicy origins;

    /**
     * A fetcher that sends credentials, and follows redirects, only within the origin of each request's own URL.
     *
     * @param maxAttempts attempts per request, the first included; -1 for no limit
     */
    public HttpFetcher(HttpClient client, Authenticator auth, Duration readTimeout, int maxAttempts, Backoff backoff,
                       Sleeper sleeper, Clock clock) {
        this(client, auth, null, readTimeout, maxAttempts, backoff, sleeper, clock);
    }

    /**
     * @param client      must not follow redirects itself ({@code HttpClient.Redirect.NEVER}): this class does
     * @param origins     where credentials go and redirects may lead
     * @param maxAttempts attempts per request, the first included; -1 for no limit
     */
    public HttpFetcher(HttpClient client, Authenticator auth, OriginPolicy origins, Duration readTimeout,
                       int maxAttempts, Backoff backoff, Sleeper sleeper, Clock clock) {
        this.origins = origins;
        this.client = client;
        this.auth = auth;
        this.readTimeout = readTimeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * @return the 2xx response
     * @throws ConnectException     on a non-retriable status or when attempts are exhausted
     * @throws InterruptedException when the task is stopping
     */
    public HttpResponse<byte[]> fetch(RequestSpec spec) throws InterruptedException {
        int failures = 0;
        boolean refreshedCredentials = false;
        while (true) {
            String failure;
            Duration delay;
            try {
                HttpResponse<byte[]> response = exchange(spec);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                if (status == 401 && !refreshedCredentials && policy(spec).sendsCredentialsTo(response.uri())
                        && auth.refreshAfterUnauthorized()) {
                    refreshedCredentials = true;
                    continue;
                }
                if (!retriable(status)) {
                    throw new ConnectException(spec + " failed with HTTP " + status + ": "
                            + BodySnippet.of(response.body()));
                }
                failures++;
                failure = "HTTP " + status + ": " + BodySnippet.of(response.body());
                Optional<Duration> retryAfter = status == 429 || status == 503
                        ? RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                        : Optional.empty();
                delay = retryAfter.isPresent() ? retryAfter.get() : backoff.delay(failures);
            } catch (IOException e) {
                SSLHandshakeException tls = tlsFailure(e);
                if (tls != null) {
                    // a certificate problem does not go away by retrying: say where to fix it
                    throw new ConnectException(spec + " failed: TLS handshake failed (" + tls.getMessage()
                            + "); if the server uses a private CA, set http.ssl.truststore.location", e);
                }
                failures++;
                failure = describe(e);
                delay = backoff.delay(failures);
            }
            if (maxAttempts >= 0 && failures >= maxAttempts) {
                throw new ConnectException(spec + " failed after " + failures + " attempt(s) (http.retry.max.attempts="
                        + maxAttempts + "); last error: " + failure);
            }
            log.warn("{} failed (attempt {}): {}; retrying in {} ms", spec, failures, failure, delay.toMillis());
            sleeper.sleep(delay);
        }
    }

    /**
     * Sends and reads the whole response within the read timeout: {@link HttpRequest#timeout} alone only bounds the
     * wait for the response headers, and a server that stalls mid-body would hang the task.
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within http.read.timeout.ms="
                    + readTimeout.toMillis());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException(cause);
        }
    }

    private OriginPolicy policy(RequestSpec spec) {
        return origins != null ? origins : OriginPolicy.onlyOriginOf(spec.uri());
    }

    /**
     * Sends the request and follows redirects (301, 302, 303, 307, 308; at most {@value #MAX_REDIRECTS}) within
     * the origins the policy allows, never from https to http. Each hop carries credentials only when it goes to
     * an endpoint's origin: the connector attaches them itself, per hop. 303, and 301/302 after a POST, continue
     * as GET without a body, as browsers and the JDK do.
     *
     * @return the first response that is not a redirect (or a redirect without Location)
     * @throws ConnectException when a redirect is refused
     */
    private HttpResponse<byte[]> exchange(RequestSpec spec) throws IOException, InterruptedException {
        OriginPolicy policy = policy(spec);
        URI uri = spec.uri();
        String method = spec.method();
        String body = spec.body();
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = send(build(spec, method, uri, body, policy.sendsCredentialsTo(uri)));
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(status) || location.isEmpty()) {
                return response;
            }
            URI target = policy.redirect(spec.toString(), uri, status, location.get());
            if (redirects == MAX_REDIRECTS) {
                throw new ConnectException(spec + " was redirected more than " + MAX_REDIRECTS + " times; last to "
                        + policy.secrets().mask(target.toString()));
            }
            log.debug("{} redirected (HTTP {}) to {}", spec, status, policy.secrets().mask(target.toString()));
            if (status == 303 || ((status == 301 || status == 302) && "POST".equals(method))) {
                method = "GET";
                body = null;
            }
            uri = target;
        }
    }

    private HttpRequest build(RequestSpec spec, String method, URI uri, String body, boolean credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(credentials ? auth.authorize(uri) : uri)
                .timeout(readTimeout);
        builder.header("Accept", "application/json");
        for (Header header : spec.headers()) {
            builder.setHeader(header.name(), header.value());
        }
        if (credentials) {
            for (Header header : auth.headers()) {
                builder.setHeader(header.name(), header.value());
            }
        }
        if (body != null) {
            if (spec.contentType() != null && !spec.contentType().isEmpty()) {
                builder.setHeader("Content-Type", spec.contentType());
            }
            builder.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static SSLHandshakeException tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return (SSLHandshakeException) t;
            }
        }
        return null;
    }

    private static boolean retriable(int status) {
        return status == 429 || status >= 500;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
