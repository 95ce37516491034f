package io.github.schemafirst.connect.bench;

import java.util.List;
import java.util.Locale;

/** Renders the results as a Markdown table, each row compared with the raw producer on the same producer settings. */
final class ResultTable {

    static final String RAW_PRODUCER = "raw KafkaProducer<byte[],byte[]> (Avro bytes)";

    private ResultTable() {
    }

    static String render(List<ScenarioResult> results) {
        StringBuilder text = new StringBuilder();
        text.append("| scenario | producer | records | s | first record s | records/s | MB/s | vs raw |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult result : results) {
            if (result.failure() != null) {
                text.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | | FAILED: %s | | |%n",
                        result.scenario(), result.producer(), result.records(), result.seconds(),
                        result.failure().replace('\n', ' ').replace('|', '/')));
                continue;
            }
            text.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %s | %,.0f | %.1f | %s |%n",
                    result.scenario(), result.producer(), result.records(), result.seconds(),
                    result.firstRecord() < 0 ? "" : String.format(Locale.ROOT, "%.2f", result.firstRecord()),
                    result.recordsPerSecond(), result.megabytesPerSecond(), ratio(result, results)));
        }
        return text.toString();
    }

    private static String ratio(ScenarioResult result, List<ScenarioResult> results) {
        for (ScenarioResult raw : results) {
            if (raw.scenario().equals(RAW_PRODUCER) && raw.tuned() == result.tuned() && raw.failure() == null) {
                return String.format(Locale.ROOT, "%.2f", result.recordsPerSecond() / raw.recordsPerSecond());
            }
        }
        return "";
    }
}
