package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.it.ConnectStackITBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At-least-once delivery across restarts in the middle of a 50,000-record file: nothing is lost; records written
 * after the last committed offset may come again, at most the uncommitted window's worth (one batch plus what the
 * producer held unacknowledged).
 */
class FileSourceRestartIT extends ConnectStackITBase {

    @Test
    void connectorRestartInTheMiddleOfAFileLosesNothing(@TempDir Path dir) {
        String name = "restart-connector";
        RestartScenario scenario = new RestartScenario(connect, dir, name, uniqueTopic(name));
        try {
            RestartScenario.Result result = scenario.run(() -> connect.restartConnector(name, 1));
            assertDeliveredOnce(name, result, scenario.awaitAllDelivered(false));
        } finally {
            connect.deleteConnector(name);
        }
    }

    @Test
    void workerRestartInTheMiddleOfAFileLosesNothing(@TempDir Path dir) {
        String name = "restart-worker";
        RestartScenario scenario = new RestartScenario(connect, dir, name, uniqueTopic(name));
        try {
            RestartScenario.Result result = scenario.run(connect::restartWorker);
            assertDeliveredOnce(name, result, scenario.awaitAllDelivered(false));
        } finally {
            connect.deleteConnector(name);
        }
    }

    private static void assertDeliveredOnce(String name, RestartScenario.Result result, BigUserFile.Delivery delivery) {
        System.out.printf("[restart] %s: %d records in the topic at the restart, %d once running again; finally %d"
                        + " records, %d distinct, %d duplicates%n", name, result.recordsAtInterruption(),
                result.recordsAfterInterruption(), delivery.total(), delivery.distinct(), delivery.duplicates());
        assertThat(result.recordsAfterInterruption()).as("restarted before the file was read to its end")
                .isLessThan(RestartScenario.RECORDS);
        assertThat(delivery.distinct()).isEqualTo(RestartScenario.RECORDS);
        assertThat(delivery.duplicates()).as("duplicates after a graceful stop").isLessThanOrEqualTo(
                RestartScenario.UNCOMMITTED_WINDOW);
    }
}
