package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConnectStack;
import org.apache.kafka.test.TestUtils;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Waits for a connector's committed source offsets ({@code GET /connectors/{name}/offsets}) to reach a state. */
final class CommittedOffsets {

    private CommittedOffsets() {
    }

    /** Polls the offsets until {@code condition} holds; fails after {@link ConnectStack#DEFAULT_TIMEOUT}. */
    static void await(ConnectStack connect, String connector, Predicate<Map<Map<String, ?>, Map<String, ?>>> condition,
                      String what) {
        AtomicReference<Map<Map<String, ?>, Map<String, ?>>> last = new AtomicReference<>();
        try {
            TestUtils.waitForCondition(() -> {
                last.set(connect.committedOffsets(connector));
                return condition.test(last.get());
            }, ConnectStack.DEFAULT_TIMEOUT.toMillis(), () -> connector + " did not commit " + what
                    + "; last committed: " + last.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
