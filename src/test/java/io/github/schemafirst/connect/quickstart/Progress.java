package io.github.schemafirst.connect.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress lines of the quickstart, each stamped with the time since start, and a reminder every few seconds while a
 * slow step is still running, so a user on a busy machine sees it has not hung.
 */
final class Progress implements AutoCloseable {

    private static final Duration REMINDER_EVERY = Duration.ofSeconds(10);

    private final PrintStream out;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService reminders = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "quickstart-progress");
        thread.setDaemon(true);
        return thread;
    });

    Progress(PrintStream out) {
        this.out = out;
    }

    /** Prints one progress line. */
    void say(String message) {
        synchronized (out) {
            out.printf(Locale.ROOT, "[%5.1fs] %s%n", seconds(elapsed()), message);
            out.flush();
        }
    }

    /**
     * Runs a slow step: prints {@code what…}, a reminder every 10 s while it runs, then {@code done} (given the
     * result and the step's duration).
     */
    <T> T step(String what, Supplier<T> work, Done<T> done) {
        say(what + "…");
        long stepStarted = System.nanoTime();
        ScheduledFuture<?> reminder = reminders.scheduleAtFixedRate(
                () -> say("  still " + what + " (" + Math.round(seconds(since(stepStarted))) + " s)"),
                REMINDER_EVERY.toMillis(), REMINDER_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            T result = work.get();
            reminder.cancel(false);
            say(done.describe(result, since(stepStarted)));
            return result;
        } finally {
            reminder.cancel(false);
        }
    }

    Duration elapsed() {
        return since(started);
    }

    static String format(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", seconds(duration));
    }

    @Override
    public void close() {
        reminders.shutdownNow();
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** What to print once a step is done. */
    @FunctionalInterface
    interface Done<T> {
        String describe(T result, Duration took);
    }
}
