package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConnectStack;
import io.github.schemafirst.connect.it.ConnectStackITBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once delivery ({@code exactly.once.source.support=enabled}): records and their offsets commit in one
 * transaction, so after a restart in the middle of a 50,000-record file a {@code read_committed} consumer sees every
 * record exactly once.
 */
class FileSourceExactlyOnceIT extends ConnectStackITBase {

    @Override
    protected void configureStack(ConnectStack.Builder builder) {
        builder.exactlyOnce();
    }

    @Test
    void connectorRestartInTheMiddleOfAFileDeliversEveryRecordOnce(@TempDir Path dir) {
        String name = "eos-restart-connector";
        RestartScenario scenario = new RestartScenario(connect, dir, name, uniqueTopic(name));
        try {
            RestartScenario.Result result = scenario.run(() -> connect.restartConnector(name, 1));
            assertDeliveredExactlyOnce(name, result, scenario.awaitAllDelivered(true));
        } finally {
            connect.deleteConnector(name);
        }
    }

    @Test
    void workerRestartInTheMiddleOfAFileDeliversEveryRecordOnce(@TempDir Path dir) {
        String name = "eos-restart-worker";
        RestartScenario scenario = new RestartScenario(connect, dir, name, uniqueTopic(name));
        try {
            RestartScenario.Result result = scenario.run(connect::restartWorker);
            assertDeliveredExactlyOnce(name, result, scenario.awaitAllDelivered(true));
        } finally {
            connect.deleteConnector(name);
        }
    }

    private static void assertDeliveredExactlyOnce(String name, RestartScenario.Result result,
                                                   BigUserFile.Delivery delivery) {
        System.out.printf("[restart] %s (exactly once): end offset %d at the restart, %d once running again;"
                        + " finally %d committed records, %d distinct%n", name, result.recordsAtInterruption(),
                result.recordsAfterInterruption(), delivery.total(), delivery.distinct());
        // End offsets count transaction markers too, so staying below RECORDS means fewer records than that.
        assertThat(result.recordsAfterInterruption()).as("restarted before the file was read to its end")
                .isLessThan(RestartScenario.RECORDS);
        assertThat(delivery.total()).as("committed records").isEqualTo(RestartScenario.RECORDS);
        assertThat(delivery.distinct()).isEqualTo(RestartScenario.RECORDS);
    }
}
