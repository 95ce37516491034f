package io.github.schemafirst.connect.core;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.MDC;

/**
 * Runs one piece of work at a time on a thread of its own, so the task's next batch is read while the worker sends
 * the current one: at most one result is pending, and it is taken on the task's thread, where a failure of the work
 * is thrown as if the work had run there.
 *
 * <p>The thread is created on first use, from the task's thread, so it inherits the plugin's context class loader;
 * each piece of work runs with the logging context (MDC) of the thread that started it, so its log lines name the
 * connector and task like the worker's own. Closing never interrupts the work: an interrupted
 * {@link java.nio.channels.FileChannel} read closes the channel; the work is expected to notice the task stopping.
 */
public final class ReadAhead<T> implements AutoCloseable {
    private final String threadName;
    // volatile: the runtime closes on the task's thread (stop() after poll() returned), tests from others
    private volatile ExecutorService executor;
    private volatile Future<T> pending;
    private volatile boolean closed;

    public ReadAhead(String threadName) {
        this.threadName = threadName;
    }

    /** Whether work was started and its result not taken yet. */
    boolean isPending() {
        return pending != null;
    }

    /** Starts the work on the read-ahead thread; one result may be pending at a time. */
    public void start(Callable<T> work) {
        if (pending != null) {
            throw new IllegalStateException("a result is already pending");
        }
        if (closed) {
            return;
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true); // never holds a worker's JVM open, even if a stop is missed
                return thread;
            });
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        try {
            pending = executor.submit(() -> {
                if (logContext != null) {
                    MDC.setContextMap(logContext);
                }
                try {
                    return work.call();
                } finally {
                    MDC.clear();
                }
            });
        } catch (RejectedExecutionException e) {
            // closed from another thread in the meantime: nothing more is read
        }
    }

    /**
     * The next result: the pending one, or that of {@code work} started now when none is pending; waits at most
     * {@code maxMillis} for it.
     *
     * @return the result; null when it is not ready in time (it stays pending) or nothing can start any more
     * @throws RuntimeException what the work threw (a {@link ConnectException} wraps a checked exception)
     */
    public T next(Callable<T> work, long maxMillis) throws InterruptedException {
        if (pending == null) {
            start(work);
        }
        return take(maxMillis);
    }

    /**
     * The pending result, waiting at most {@code maxMillis} for it.
     *
     * @return the result; null when none is pending or it is not ready in time (it stays pending)
     * @throws RuntimeException what the work threw (a {@link ConnectException} wraps a checked exception)
     */
    T take(long maxMillis) throws InterruptedException {
        Future<T> current = pending;
        if (current == null) {
            return null;
        }
        T result;
        try {
            result = current.get(maxMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (CancellationException e) {
            pending = null;
            return null;
        } catch (ExecutionException e) {
            pending = null;
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new ConnectException(cause.getMessage(), cause);
        }
        pending = null;
        return result;
    }

    /** Drops the pending result and lets the thread end once the work in progress returns. */
    @Override
    public void close() {
        closed = true;
        Future<T> current = pending;
        pending = null;
        if (current != null) {
            current.cancel(false);
        }
        ExecutorService thread = executor;
        if (thread != null) {
            thread.shutdown();
        }
    }
}
