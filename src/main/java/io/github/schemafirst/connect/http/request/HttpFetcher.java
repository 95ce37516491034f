package io.github.schemafirst.connect.http.request;

import io.github.schemafirst.connect.http.auth.Authenticator;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.net.ResponseBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends requests and retries what is worth retrying: 429 and 503 after their {@code Retry-After} (capped at
 * {@code http.retry.after.max.ms}; the backoff when absent), other 5xx, timeouts and connection errors after an
 * exponential backoff with jitter, a 401 once with fresh credentials. Any other status fails at once with the status
 * and the start of the body ({@link HttpStatusException}); so does running out of attempts.
 *
 * <p>A request is a {@link Call} whose state (attempts so far, the exchange in flight, when to retry) lives between
 * calls of {@link Call#poll(Duration)}, so the task's {@code poll()} never blocks for a backoff, a
 * {@code Retry-After} or a slow server: the Connect runtime stops, pauses and rebalances a task only between two
 * polls. Each attempt (credentials included, e.g. an OAuth2 token request) runs on this fetcher's own thread and
 * must complete, body and all, within the read timeout; bodies are read up to {@code http.response.max.bytes}.
 *
 * <p>Credentials go only where the {@link OriginPolicy} allows, and the client must not follow redirects itself
 * ({@code HttpClient.Redirect.NEVER}): this class follows them, hop by hop, attaching credentials per hop.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Authenticator auth;
    /** Where credentials and redirects may go; null: only within the origin of each request's own URL. */
    private final OriginPolicy origins;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration retryAfterMax;
    private final long maxBodyBytes;
    private final Sleeper sleeper;
    private final Clock clock;
    private volatile RequestListener listener = RequestListener.NONE;
    private final Set<Call> open = ConcurrentHashMap.newKeySet();
    /**
     * The logging context of the thread that made this fetcher (Connect's {@code connector.context}, e.g.
     * {@code [users-api|task-0]}), so the attempt thread's log lines say which connector and task they belong to.
     */
    private final Map<String, String> logContext = MDC.getCopyOfContextMap();
    private final ExecutorService attempts = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            runnable.run();
        }, "schemafirst-http-request");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /**
     * Credentials and redirects only within the origin of each request's own URL, {@code Retry-After} capped at the
     * backoff maximum, bodies up to {@link #DEFAULT_MAX_BODY_BYTES}.
     */
    public HttpFetcher(HttpClient client, Authenticator auth, Duration readTimeout, int maxAttempts, Backoff backoff,
                       Sleeper sleeper, Clock clock) {
        this(client, auth, null, readTimeout, maxAttempts, backoff, sleeper, clock);
    }

    /** As the full form, with {@code Retry-After} capped at the backoff maximum and the default body limit. */
    public HttpFetcher(HttpClient client, Authenticator auth, OriginPolicy origins, Duration readTimeout,
                       int maxAttempts, Backoff backoff, Sleeper sleeper, Clock clock) {
        this(client, auth, origins, readTimeout, maxAttempts, backoff, backoff.max(), DEFAULT_MAX_BODY_BYTES, sleeper,
                clock);
    }

    /**
     * @param client        must not follow redirects itself ({@code HttpClient.Redirect.NEVER}): this class does
     * @param origins       where credentials go and redirects may lead; null: each request's own origin only
     * @param maxAttempts   attempts per request, the first included; -1 for no limit
     * @param retryAfterMax the longest wait a {@code Retry-After} header can ask for
     * @param maxBodyBytes  bodies longer than this are not read ({@link ResponseBody#overLimit()})
     * @param sleeper       how {@link #fetch(RequestSpec)}, the blocking form, waits between attempts
     */
    public HttpFetcher(HttpClient client, Authenticator auth, OriginPolicy origins, Duration readTimeout,
                       int maxAttempts, Backoff backoff, Duration retryAfterMax, long maxBodyBytes, Sleeper sleeper,
                       Clock clock) {
        this.client = client;
        this.auth = auth;
        this.origins = origins;
        this.readTimeout = readTimeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.retryAfterMax = retryAfterMax;
        this.maxBodyBytes = maxBodyBytes;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Who hears of each attempt's outcome (the task's metrics). */
    public void listener(RequestListener requestListener) {
        this.listener = requestListener == null ? RequestListener.NONE : requestListener;
    }

    /** Starts a request; nothing is sent before the first {@link Call#poll}. */
    public Call call(RequestSpec spec) {
        if (closed) {
            throw new ConnectException("HTTP fetcher closed");
        }
        Call call = new Call(spec);
        open.add(call);
        return call;
    }

    /**
     * The blocking form, for callers that may wait (tools, tests): sends, waits through the retries with the
     * sleeper, and returns the 2xx response.
     *
     * @throws ConnectException     on a non-retriable status or when attempts are exhausted
     * @throws InterruptedException when the sleeper was cut short (the task is stopping)
     */
    public HttpResponse<ResponseBody> fetch(RequestSpec spec) throws InterruptedException {
        Call call = call(spec);
        try {
            while (true) {
                Optional<HttpResponse<ResponseBody>> response = call.poll(readTimeout.plusSeconds(1));
                if (response.isPresent()) {
                    return response.get();
                }
                if (!call.inFlight()) {
                    sleeper.sleep(call.retryDelay());
                    call.retryNow();
                }
            }
        } finally {
            call.cancel();
        }
    }

    /**
     * Cancels the requests in flight, stops the attempt thread and, where the JDK has one (21+), shuts the HTTP
     * client down. Calls fail afterwards.
     */
    @Override
    public void close() {
        closed = true;
        for (Call call : open) {
            call.cancel();
        }
        attempts.shutdownNow();
        shutDown(client);
    }

    /** {@code HttpClient.shutdownNow()} exists from Java 21 on; the connector is built for Java 11. */
    static void shutDown(HttpClient client) {
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
        } catch (NoSuchMethodException e) {
            // Java 11-20: the client has no close; in-flight exchanges were cancelled, the rest goes with the object
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Could not shut the HTTP client down", e);
        }
    }

    /** One request and its retries. Driven by one thread at a time. */
    public final class Call {
        private final RequestSpec spec;
        private int failures;
        private boolean refreshedCredentials;
        private volatile CompletableFuture<HttpResponse<ResponseBody>> inFlight;
        private volatile CompletableFuture<HttpResponse<ResponseBody>> exchange;
        private long inFlightDeadline;
        private Instant retryAt = Instant.MIN;
        private long attemptStartedNanos;
        private volatile long attemptEndedNanos;
        private Duration retryDelay = Duration.ZERO;
        private volatile boolean cancelled;

        private Call(RequestSpec spec) {
            this.spec = spec;
        }

        public RequestSpec spec() {
            return spec;
        }

        /** When this call needs {@link #poll} again: now while a request is due or in flight, else the retry time. */
        public Instant readyAt() {
            return inFlight != null ? Instant.MIN : retryAt;
        }

        public boolean inFlight() {
            return inFlight != null;
        }

        /** Attempts that failed so far. */
        public int failures() {
            return failures;
        }

        Duration retryDelay() {
            return retryDelay;
        }

        /**
         * Sends the first attempt now, without waiting for anything, so its response can arrive while the caller
         * works on something else (the previous page's records). Its outcome, success or failure, is handled by the
         * next {@link #poll}, exactly as if the request had been sent there. Does nothing once an attempt was sent,
         * or when the call is cancelled.
         *
         * @throws ConnectException when the fetcher is closed
         */
        public void send() {
            if (!cancelled && inFlight == null && failures == 0 && retryAt.equals(Instant.MIN)) {
                start();
            }
        }

        /** For the blocking form: the caller has waited out the delay itself. */
        void retryNow() {
            retryAt = Instant.MIN;
        }

        /**
         * Drives the request for at most {@code maxWait}: sends it when due, waits for the response, and schedules a
         * retry after a retriable failure.
         *
         * @return the 2xx response; empty while the request is in flight or waiting for its retry time
         * @throws HttpStatusException  on a status that retrying cannot fix
         * @throws ConnectException     when attempts are exhausted or the TLS handshake fails
         * @throws InterruptedException when the call was cancelled (the task is stopping)
         */
        public Optional<HttpResponse<ResponseBody>> poll(Duration maxWait) throws InterruptedException {
            long until = System.nanoTime() + Math.max(0, maxWait.toNanos());
            while (true) {
                if (cancelled) {
                    throw new InterruptedException("request cancelled: the task is stopping");
                }
                if (inFlight == null) {
                    if (clock.instant().isBefore(retryAt)) {
                        return Optional.empty();
                    }
                    start();
                }
                long now = System.nanoTime();
                long wait = Math.min(until, inFlightDeadline) - now;
                HttpResponse<ResponseBody> response;
                try {
                    response = inFlight.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - inFlightDeadline < 0) {
                        return Optional.empty(); // still within the read timeout: come back later
                    }
                    cancelInFlight();
                    inFlight = null;
                    exchange = null;
                    failed(new HttpTimeoutException("no complete response within http.read.timeout.ms="
                            + readTimeout.toMillis()));
                    return Optional.empty();
                } catch (CancellationException e) {
                    inFlight = null;
                    throw new InterruptedException("request cancelled: the task is stopping");
                } catch (ExecutionException e) {
                    inFlight = null;
                    Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                            ? e.getCause().getCause() : e.getCause();
                    if (cause instanceof UncheckedIOException) {
                        cause = cause.getCause();
                    }
                    if (cause instanceof IOException && !cancelled) {
                        failed((IOException) cause);
                        return Optional.empty();
                    }
                    if (cancelled || cause instanceof InterruptedException
                            || cause instanceof CancellationException) {
                        throw new InterruptedException("request cancelled: the task is stopping");
                    }
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    throw new ConnectException(spec + " failed", cause);
                }
                inFlight = null;
                exchange = null;
                Optional<HttpResponse<ResponseBody>> done = handle(response);
                if (done.isPresent()) {
                    open.remove(this);
                    return done;
                }
                if (retryAt.equals(Instant.MIN)) {
                    continue; // fresh credentials: send again at once
                }
                return Optional.empty();
            }
        }

        /** Cancels the request in flight and any retry; the next {@link #poll} throws. */
        public void cancel() {
            cancelled = true;
            open.remove(this);
            cancelInFlight();
        }

        /** Aborts the exchange in flight, if any (may be called from another thread). */
        private void cancelInFlight() {
            CompletableFuture<HttpResponse<ResponseBody>> sent = exchange;
            if (sent != null) {
                sent.cancel(true);
            }
            CompletableFuture<HttpResponse<ResponseBody>> attempt = inFlight;
            if (attempt != null) {
                attempt.cancel(true);
            }
        }

        private void start() {
            retryAt = Instant.MIN;
            attemptStartedNanos = System.nanoTime();
            attemptEndedNanos = 0;
            inFlightDeadline = attemptStartedNanos + readTimeout.toNanos();
            CompletableFuture<HttpResponse<ResponseBody>> attempt = hop(spec.method(), spec.uri(), spec.body(), 0);
            // when the attempt ended, not when poll() got to it: a prefetched response may wait for a while
            attempt.whenComplete((response, failure) -> attemptEndedNanos = System.nanoTime());
            inFlight = attempt;
        }

        /** How long the last attempt took, from sending to its outcome (or to now, if that is not recorded yet). */
        private long attemptNanos() {
            long ended = attemptEndedNanos;
            return (ended != 0 ? ended : System.nanoTime()) - attemptStartedNanos;
        }

        /**
         * Sends one hop and follows a redirect (301, 302, 303, 307, 308; at most {@value #MAX_REDIRECTS}) within the
         * origins the policy allows, never from https to http. Each hop carries credentials only when it goes to an
         * endpoint's origin: they are attached per hop, off the task's thread (credentials may need a request of
         * their own, an OAuth2 token). 303, and 301/302 after a POST, continue as GET without a body.
         */
        private CompletableFuture<HttpResponse<ResponseBody>> hop(String method, URI uri, String body, int redirects) {
            OriginPolicy policy = policy(spec);
            CompletableFuture<HttpRequest> built;
            try {
                built = CompletableFuture.supplyAsync(() -> {
                    try {
                        return build(spec, method, uri, body, policy.sendsCredentialsTo(uri));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted while preparing the request");
                    }
                }, attempts);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                throw new ConnectException("HTTP fetcher closed");
            }
            return built.thenCompose(request -> {
                CompletableFuture<HttpResponse<ResponseBody>> sent =
                        client.sendAsync(request, ResponseBody.handler(maxBodyBytes));
                exchange = sent;
                if (cancelled) {
                    sent.cancel(true);
                }
                return sent;
            }).thenCompose(response -> {
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("Location");
                if (!REDIRECTS.contains(status) || location.isEmpty()) {
                    return CompletableFuture.completedFuture(response);
                }
                URI target = policy.redirect(spec.toString(), uri, status, location.get()); // throws when refused
                if (redirects == MAX_REDIRECTS) {
                    throw new ConnectException(spec + " was redirected more than " + MAX_REDIRECTS
                            + " times; last to " + policy.secrets().mask(target.toString()));
                }
                log.debug("{} redirected (HTTP {}) to {}", spec, status, policy.secrets().mask(target.toString()));
                boolean asGet = status == 303 || ((status == 301 || status == 302) && "POST".equals(method));
                return hop(asGet ? "GET" : method, target, asGet ? null : body, redirects + 1);
            });
        }

        /**
         * Acts on a complete response.
         *
         * @return the response when it is a success; empty after scheduling a retry (or a fresh-credential resend,
         *         with {@code retryAt} left at MIN)
         */
        private Optional<HttpResponse<ResponseBody>> handle(HttpResponse<ResponseBody> response) {
            int status = response.statusCode();
            listener.responded(status, attemptNanos());
            if (status >= 200 && status < 300) {
                return Optional.of(response);
            }
            if (status == 401 && !refreshedCredentials && policy(spec).sendsCredentialsTo(response.uri())
                    && auth.refreshAfterUnauthorized()) {
                refreshedCredentials = true;
                retryAt = Instant.MIN;
                return Optional.empty();
            }
            if (!retriable(status)) {
                open.remove(this);
                throw new HttpStatusException(spec + " failed with HTTP " + status + ": "
                        + snippet(response), status);
            }
            failures++;
            String failure = "HTTP " + status + ": " + snippet(response);
            Duration delay = backoff.delay(failures);
            if (status == 429 || status == 503) {
                Optional<Duration> asked = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                        clock.instant());
                if (asked.isPresent()) {
                    delay = cappedRetryAfter(asked.get(), failure);
                }
            }
            schedule(failure, delay);
            return Optional.empty();
        }

        /** The start of an error body for a message, secrets masked: APIs echo keys and tokens in their errors. */
        private String snippet(HttpResponse<ResponseBody> response) {
            return policy(spec).secrets().mask(BodySnippet.of(response.body().bytes()));
        }

        private Duration cappedRetryAfter(Duration asked, String failure) {
            if (asked.compareTo(retryAfterMax) > 0) {
                log.warn("{}: the server asked to retry after {} s ({}); waiting http.retry.after.max.ms={} ms "
                        + "instead", spec, asked.getSeconds(), failure, retryAfterMax.toMillis());
                return retryAfterMax;
            }
            // Retry-After: 0 (or a past date) still waits a little: never a tight loop
            Duration floor = Backoff.MIN_CEILING.dividedBy(2);
            return asked.compareTo(floor) < 0 ? floor : asked;
        }

        /** Schedules a retry, or throws when the failure is fatal or the attempts are exhausted. */
        private void failed(IOException e) {
            listener.failedWithoutResponse(attemptNanos());
            SSLHandshakeException tls = tlsFailure(e);
            if (tls != null) {
                open.remove(this);
                // a certificate problem does not go away by retrying: say where to fix it
                throw new ConnectException(spec + " failed: TLS handshake failed (" + tls.getMessage()
                        + "); if the server uses a private CA, set http.ssl.truststore.location", e);
            }
            failures++;
            schedule(describe(e), backoff.delay(failures));
        }

        private void schedule(String failure, Duration delay) {
            if (maxAttempts >= 0 && failures >= maxAttempts) {
                open.remove(this);
                throw new ConnectException(spec + " failed after " + failures + " attempt(s) ("
                        + "http.retry.max.attempts=" + maxAttempts + "); last error: " + failure);
            }
            listener.retryScheduled();
            log.warn("{} failed (attempt {}): {}; retrying in {} ms", spec, failures, failure, delay.toMillis());
            retryDelay = delay;
            retryAt = clock.instant().plus(delay);
        }
    }

    private OriginPolicy policy(RequestSpec spec) {
        return origins != null ? origins : OriginPolicy.onlyOriginOf(spec.uri());
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
