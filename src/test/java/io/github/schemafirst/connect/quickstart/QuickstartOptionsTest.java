package io.github.schemafirst.connect.quickstart;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuickstartOptionsTest {

    private static final Path PROJECT = Path.of("/repo");

    @Test
    void defaultsRunOnceInTargetQuickstartShowingThreeRecords() {
        QuickstartOptions options = QuickstartOptions.parse(PROJECT, List.of());

        assertThat(options.follow()).isFalse();
        assertThat(options.workDir()).isEqualTo(Path.of("/repo/target/quickstart"));
        assertThat(options.recordsToShow()).isEqualTo(3);
    }

    @Test
    void flagsAndRelativeWorkDir() {
        QuickstartOptions options = QuickstartOptions.parse(PROJECT, List.of("--follow", "--work-dir", "demo", "--records", "5"));

        assertThat(options.follow()).isTrue();
        assertThat(options.workDir()).isEqualTo(Path.of("/repo/demo"));
        assertThat(options.recordsToShow()).isEqualTo(5);
    }

    @Test
    void badCommandLinesNameTheProblem() {
        assertThatThrownBy(() -> QuickstartOptions.parse(PROJECT, List.of("--folow")))
                .hasMessage("unknown option --folow");
        assertThatThrownBy(() -> QuickstartOptions.parse(PROJECT, List.of("--records", "0")))
                .hasMessage("--records expects a positive number, got 0");
        assertThatThrownBy(() -> QuickstartOptions.parse(PROJECT, List.of("--work-dir")))
                .hasMessage("--work-dir needs a value");
        assertThatThrownBy(() -> QuickstartOptions.parse(PROJECT, List.of("--help")))
                .isInstanceOf(QuickstartOptions.UsageException.class).hasMessage(null);
    }
}
