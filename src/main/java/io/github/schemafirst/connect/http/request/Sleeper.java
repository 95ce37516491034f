package io.github.schemafirst.connect.http.request;

import java.time.Duration;

/** Waits between retries; the task's implementation wakes up early when the task is stopped. */
public interface Sleeper {

    /** @throws InterruptedException when the wait was cut short because the task is stopping */
    void sleep(Duration duration) throws InterruptedException;
}
