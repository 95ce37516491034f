package io.github.schemafirst.connect.net;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit ({@code http.response.max.bytes}): all of it, or, when it is longer (or says
 * so in {@code Content-Length}), only its first {@link #PREFIX_BYTES} bytes and the fact that it was over. Reading
 * stops at the limit and the rest is never received, so a huge or endless body cannot exhaust the heap.
 */
public final class ResponseBody {
    /** How much of a body over the limit is kept, for error messages and dead letters. */
    public static final int PREFIX_BYTES = 1024;

    private final byte[] bytes;
    private final boolean overLimit;
    private final long limit;
    private final long contentLength;

    private ResponseBody(byte[] bytes, boolean overLimit, long limit, long contentLength) {
        this.bytes = bytes;
        this.overLimit = overLimit;
        this.limit = limit;
        this.contentLength = contentLength;
    }

    /** A complete body (tests and callers that already hold the bytes). */
    public static ResponseBody of(byte[] bytes) {
        return new ResponseBody(bytes, false, Long.MAX_VALUE, bytes.length);
    }

    /** Reads bodies of at most {@code limit} bytes. */
    public static HttpResponse.BodyHandler<ResponseBody> handler(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return info -> new LimitedSubscriber(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** The whole body, or its first bytes when {@link #overLimit()}. */
    public byte[] bytes() {
        return bytes;
    }

    /** Whether the body was longer than the limit (and only its start was read). */
    public boolean overLimit() {
        return overLimit;
    }

    public long limit() {
        return limit;
    }

    /** The declared {@code Content-Length}, -1 when the response had none. */
    public long contentLength() {
        return contentLength;
    }

    /** Why the body was not read, for messages: {@code response body over http.response.max.bytes=N ...}. */
    public String overLimitReason(String limitKey) {
        return "response body over " + limitKey + "=" + limit + " bytes"
                + (contentLength > limit ? " (Content-Length: " + contentLength + ")" : "")
                + "; only its first " + bytes.length + " bytes were kept";
    }

    /** Collects up to {@code limit} bytes; cancels the subscription as soon as the body turns out longer. */
    private static final class LimitedSubscriber implements HttpResponse.BodySubscriber<ResponseBody> {
        private final CompletableFuture<ResponseBody> result = new CompletableFuture<>();
        private final long limit;
        private final long contentLength;
        private Flow.Subscription subscription;
        private byte[] buffer;
        private int size;
        private boolean done;

        LimitedSubscriber(long limit, long contentLength) {
            this.limit = limit;
            this.contentLength = contentLength;
            // the declared length, when it fits, is the exact size; otherwise grow from a small buffer
            this.buffer = new byte[contentLength >= 0 && contentLength <= limit
                    ? (int) Math.min(contentLength, Integer.MAX_VALUE - 8) : (int) Math.min(limit, 8192)];
        }

        @Override
        public CompletionStage<ResponseBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (contentLength > limit) {
                // the server says it is too long: do not read a byte of it
                finishOverLimit();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (done) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = item.remaining();
                if ((long) size + n > limit) {
                    int fits = (int) (limit - size);
                    append(item, fits);
                    finishOverLimit();
                    return;
                }
                append(item, n);
            }
        }

        private void append(ByteBuffer item, int n) {
            if (n <= 0) {
                return;
            }
            if (size + n > buffer.length) {
                long wanted = Math.max((long) size + n, Math.min(limit, (long) buffer.length * 2));
                buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
            }
            item.get(buffer, size, n);
            size += n;
        }

        private void finishOverLimit() {
            done = true;
            subscription.cancel();
            byte[] prefix = Arrays.copyOf(buffer, Math.min(size, PREFIX_BYTES));
            buffer = null;
            result.complete(new ResponseBody(prefix, true, limit, contentLength));
        }

        @Override
        public void onError(Throwable throwable) {
            if (!done) {
                done = true;
                buffer = null;
                result.completeExceptionally(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                byte[] bytes = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
                buffer = null;
                result.complete(new ResponseBody(bytes, false, limit, contentLength));
            }
        }
    }
}
