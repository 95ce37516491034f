package io.github.schemafirst.connect.quickstart;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Command-line options of {@link Quickstart}.
 *
 * @param projectDir     the repository root: where {@code config/} and {@code docker/http/} are read from
 * @param workDir        the working directory the quickstart (re)creates: copies of the sample data and schemas,
 *                       the directory the file connectors watch
 * @param follow         keep running after the summary and print new records as they arrive
 * @param recordsToShow  how many decoded records to print per topic
 */
record QuickstartOptions(Path projectDir, Path workDir, boolean follow, int recordsToShow) {

    static final String USAGE = """
            usage: ./quickstart [--follow] [--work-dir DIR] [--records N]

              Builds the plugin, starts a Kafka broker, a Connect worker and a schema registry on this machine,
              deploys the example connectors from config/, prints the registered subjects and a few decoded
              records, and exits.

              --follow        keep running: print every new record as it arrives (drop a .jsonl file of User
                              records into the watched directory printed at the end); Ctrl-C stops
              --work-dir DIR  working directory for the sample data (default: target/quickstart, recreated)
              --records N     decoded records to print per topic (default: 3)
              --help          this text
            """;

    /** Parses {@code args}; relative paths are resolved against {@code projectDir}. */
    static QuickstartOptions parse(Path projectDir, List<String> args) {
        Path workDir = projectDir.resolve("target").resolve("quickstart");
        boolean follow = false;
        int records = 3;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--follow", "-f" -> follow = true;
                case "--work-dir" -> workDir = projectDir.resolve(Paths.get(valueOf(args, ++i, arg)));
                case "--records" -> records = positive(valueOf(args, ++i, arg), arg);
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        return new QuickstartOptions(projectDir.toAbsolutePath().normalize(), workDir.toAbsolutePath().normalize(),
                follow, records);
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, like any other bad value
        }
        throw new UsageException(option + " expects a positive number, got " + text);
    }

    /** Bad command line; a null message means help was asked for. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
