package io.github.schemafirst.connect.quickstart;

import io.github.schemafirst.connect.it.RegisteredSchema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a quickstart run did, for the caller that runs it in-process (the test); the user sees the same on the
 * console.
 *
 * @param exitCode     0 when everything ran, 1 on a failure, 2 on a bad command line
 * @param failure      why it failed, or null
 * @param connectors   the connectors deployed and RUNNING, by name
 * @param skipped      why a connector was left out (e.g. its plugin is not built yet)
 * @param subjects     the registered subjects with their latest schema
 * @param recordCounts records read per topic before the summary
 * @param shown        the decoded records printed per topic
 * @param followed     the records printed in {@code --follow} mode after the summary
 * @param watchedDir   the directory the file connectors read (drop files here in {@code --follow} mode)
 * @param elapsed      from start to the summary line
 */
record QuickstartResult(int exitCode, String failure, List<String> connectors, List<String> skipped,
                               Map<String, RegisteredSchema> subjects, Map<String, Integer> recordCounts,
                               Map<String, List<RecordRenderer.Rendered>> shown,
                               List<RecordRenderer.Rendered> followed, Path watchedDir, Duration elapsed) {
}
