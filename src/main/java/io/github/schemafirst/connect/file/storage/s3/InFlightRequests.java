package io.github.schemafirst.connect.file.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Lets another thread abort every request of one client that is waiting for its answer: a GET whose server never
 * answers blocks the calling thread in a socket read that {@link Thread#interrupt()} does not end, and a Connect
 * task being stopped must not wait for the SDK's timeouts. Streams already handed out are aborted by
 * {@link S3Bucket#abortAll()} itself.
 *
 * <p>Each abort starts a new generation. A call stamped with an older generation is doomed: its running HTTP request
 * is aborted, and it may not start another attempt (the SDK would otherwise retry the aborted request, since an
 * abort looks like any I/O error to it). Calls begun after the abort go ahead as usual.
 */
final class InFlightRequests implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> GENERATION = new ExecutionAttribute<>("schemafirst.s3.abortGeneration");

    private final AtomicLong generation = new AtomicLong();
    private final Set<ExecutableHttpRequest> running = ConcurrentHashMap.newKeySet();
    /**
     * The generation of the call whose attempt this thread is about to send. The sync client sends on the calling
     * thread, so this carries the call's stamp from {@link #beforeTransmission} to {@link Tracking#prepareRequest}.
     */
    private final ThreadLocal<Long> attemptGeneration = new ThreadLocal<>();

    long generation() {
        return generation.get();
    }

    /** Aborts every request now waiting for its answer, and dooms the calls they belong to. */
    void abortAll() {
        generation.incrementAndGet();
        for (ExecutableHttpRequest request : running) {
            request.abort();
        }
    }

    /** An HTTP client that registers each request while it waits for its answer. */
    SdkHttpClient track(SdkHttpClient delegate) {
        return new Tracking(delegate);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(GENERATION, generation.get());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Long stamp = attributes.getAttribute(GENERATION);
        if (stamp != null && stamp < generation.get()) {
            // Thrown before a retry of an aborted request; the SDK does not retry an AbortedException.
            throw AbortedException.builder().message("S3 request aborted").build();
        }
        attemptGeneration.set(stamp);
    }

    private final class Tracking implements SdkHttpClient {
        private final SdkHttpClient delegate;

        Tracking(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            Long stamp = attemptGeneration.get();
            attemptGeneration.remove();
            long callGeneration = stamp != null ? stamp : generation.get();
            ExecutableHttpRequest prepared = delegate.prepareRequest(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    running.add(this);
                    try {
                        // Registered first, checked second, while abortAll() counts up first and aborts the
                        // registered second: one of the two sees the other, so no request slips through.
                        if (callGeneration < generation.get()) {
                            throw new InterruptedIOException("S3 request aborted");
                        }
                        return prepared.call();
                    } finally {
                        running.remove(this);
                    }
                }

                @Override
                public void abort() {
                    prepared.abort();
                }
            };
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
