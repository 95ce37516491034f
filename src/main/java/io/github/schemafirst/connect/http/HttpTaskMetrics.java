package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.core.TaskMetrics;
import io.github.schemafirst.connect.http.request.RequestListener;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import javax.management.MBeanServer;

/**
 * The HTTP task's metrics: the shared ones plus requests by status class, retries, latency, the last completed
 * cycle and the incremental value's age (the lag) when it is a timestamp. All updated by the thread that reads (the
 * task's, or its read-ahead thread), one at a time.
 */
final class HttpTaskMetrics extends TaskMetrics implements RequestListener {
    /** The task's index among the connector's tasks, which the connector adds to each task's config. */
    static final String TASK_INDEX_CONFIG = "task.index";

    private volatile long status2xx;
    private volatile long status3xx;
    private volatile long status4xx;
    private volatile long status5xx;
    private volatile long noResponse;
    private volatile long retries;
    private volatile long latencyTotalNanos;
    private volatile long latencyMaxNanos;
    private volatile long lastCycleMillis;
    /** The oldest incremental value of the task's endpoints that is a timestamp (epoch ms); MIN_VALUE: none. */
    private volatile long oldestIncrementalMillis = Long.MIN_VALUE;

    HttpTaskMetrics(Map<String, String> taskProps, String deadLetterTopic, MBeanServer server) {
        super(taskProps, taskProps.getOrDefault(TASK_INDEX_CONFIG, "0"), deadLetterTopic, server);
        gauge("requests-2xx", "Attempts answered with a 2xx status", () -> status2xx);
        gauge("requests-3xx", "Attempts answered with a 3xx status not followed as a redirect", () -> status3xx);
        gauge("requests-4xx", "Attempts answered with a 4xx status", () -> status4xx);
        gauge("requests-5xx", "Attempts answered with a 5xx status", () -> status5xx);
        gauge("requests-no-response", "Attempts that got no response (connection error, timeout)",
                () -> noResponse);
        gauge("request-retries", "Failed attempts scheduled for a retry", () -> retries);
        gauge("request-latency-avg-ms", "Mean time from sending an attempt to its response or failure",
                () -> {
                    long attempts = status2xx + status3xx + status4xx + status5xx + noResponse;
                    return attempts == 0 ? 0 : latencyTotalNanos / attempts / 1_000_000;
                });
        gauge("request-latency-max-ms", "Longest time from sending an attempt to its response or failure",
                () -> latencyMaxNanos / 1_000_000);
        gauge("last-successful-cycle-time-ms", "When an endpoint of this task last read its last page (epoch ms; "
                + "0: never)", () -> lastCycleMillis);
        gauge("incremental-age-ms", "Now minus the oldest incremental value of the task's endpoints, when it is an "
                + "ISO-8601 timestamp (the lag); -1 when none is", () -> {
                    long oldest = oldestIncrementalMillis;
                    return oldest == Long.MIN_VALUE ? -1 : Math.max(0, System.currentTimeMillis() - oldest);
                });
    }

    @Override
    public void responded(int status, long nanos) {
        if (status < 300) {
            status2xx++;
        } else if (status < 400) {
            status3xx++;
        } else if (status < 500) {
            status4xx++;
        } else {
            status5xx++;
        }
        latency(nanos);
    }

    @Override
    public void failedWithoutResponse(long nanos) {
        noResponse++;
        latency(nanos);
    }

    @Override
    public void retryScheduled() {
        retries++;
    }

    private void latency(long nanos) {
        latencyTotalNanos += nanos;
        if (nanos > latencyMaxNanos) {
            latencyMaxNanos = nanos;
        }
    }

    void cycleEnded(long epochMillis) {
        if (epochMillis > lastCycleMillis) {
            lastCycleMillis = epochMillis;
        }
    }

    void oldestIncremental(long epochMillis) {
        oldestIncrementalMillis = epochMillis;
    }

    /**
     * An incremental value as epoch ms when it is an ISO-8601 timestamp ({@code 2024-05-01T10:00:00Z}, with an
     * offset, or without one read as UTC); {@code Long.MIN_VALUE} otherwise. Numbers are not taken for epoch
     * times: numeric cursors are usually ids.
     */
    static long timestampMillis(String value) {
        if (value == null || value.length() < 19 || value.charAt(4) != '-') {
            return Long.MIN_VALUE;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException e3) {
                    return Long.MIN_VALUE;
                }
            }
        }
    }
}
