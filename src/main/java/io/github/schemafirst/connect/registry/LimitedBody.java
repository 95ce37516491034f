package io.github.schemafirst.connect.registry;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body read up to a limit chosen by status: a registry (or whatever answers at its URL) cannot fill
 * the heap. Reading stops at the limit; the rest is never received.
 */
final class LimitedBody {
    private final byte[] bytes;
    private final boolean truncated;

    private LimitedBody(byte[] bytes, boolean truncated) {
        this.bytes = bytes;
        this.truncated = truncated;
    }

    /** Reads at most {@code successLimit} bytes of a 2xx body and {@code errorLimit} of any other. */
    static HttpResponse.BodyHandler<LimitedBody> handler(int successLimit, int errorLimit) {
        return info -> new Subscriber(info.statusCode() / 100 == 2 ? successLimit : errorLimit);
    }

    /** The body, or its first bytes when {@link #truncated()}. */
    byte[] bytes() {
        return bytes;
    }

    /** Whether the body was longer than the limit. */
    boolean truncated() {
        return truncated;
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<LimitedBody> {
        private final CompletableFuture<LimitedBody> result = new CompletableFuture<>();
        private final int limit;
        private Flow.Subscription subscription;
        private byte[] buffer = new byte[4096];
        private int size;
        private boolean done;

        Subscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<LimitedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (done) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = item.remaining();
                boolean over = (long) size + n > limit;
                int take = over ? limit - size : n;
                if (size + take > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(size + take, buffer.length * 2)));
                }
                item.get(buffer, size, take);
                size += take;
                if (over) {
                    done = true;
                    subscription.cancel();
                    result.complete(new LimitedBody(Arrays.copyOf(buffer, size), true));
                    buffer = null;
                    return;
                }
            }
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
                result.complete(new LimitedBody(Arrays.copyOf(buffer, size), false));
                buffer = null;
            }
        }
    }
}
