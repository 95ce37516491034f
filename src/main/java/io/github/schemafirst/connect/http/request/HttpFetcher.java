package io.github.schemafirst.connect.http.request;

import io.github.schemafirst.connect.http.auth.Authenticator;
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

    private final HttpClient client;
    private final Authenticator auth;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;

    /** @param maxAttempts attempts per request, the first included; -1 for no limit */
    public HttpFetcher(HttpClient client, Authenticator auth, Duration readTimeout, int maxAttempts, Backoff backoff,
                       Sleeper sleeper, Clock clock) {
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
                HttpResponse<byte[]> response = send(build(spec));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                if (status == 401 && !refreshedCredentials && auth.refreshAfterUnauthorized()) {
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

    private HttpRequest build(RequestSpec spec) throws IOException, InterruptedException {
        URI uri = auth.authorize(spec.uri());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(readTimeout);
        builder.header("Accept", "application/json");
        for (Header header : spec.headers()) {
            builder.setHeader(header.name(), header.value());
        }
        for (Header header : auth.headers()) {
            builder.setHeader(header.name(), header.value());
        }
        if (spec.body() != null) {
            if (spec.contentType() != null && !spec.contentType().isEmpty()) {
                builder.setHeader("Content-Type", spec.contentType());
            }
            builder.method(spec.method(), HttpRequest.BodyPublishers.ofString(spec.body()));
        } else {
            builder.method(spec.method(), HttpRequest.BodyPublishers.noBody());
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
