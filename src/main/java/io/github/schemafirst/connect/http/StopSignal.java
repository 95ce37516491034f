package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.http.request.Sleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets {@code stop()}, called on another thread, cut short every wait of the polling thread: backoffs, Retry-After
 * pauses, the pause between poll cycles.
 */
public final class StopSignal implements Sleeper {
    private final CountDownLatch stopped = new CountDownLatch(1);

    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Waits up to {@code duration}; returns early, and true, once stopped. */
    public boolean await(Duration duration) throws InterruptedException {
        return stopped.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (await(duration)) {
            throw new InterruptedException("task stopping");
        }
    }
}
