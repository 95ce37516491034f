package io.github.schemafirst.connect.bench;

/**
 * One measured scenario: how many records reached the topic in how long, and how many input bytes they came from
 * (file bytes for the file connectors, served body bytes for HTTP, value bytes for the raw producer).
 *
 * @param scenario     what wrote the records
 * @param tuned        whether the producer ran with {@code batch.size=262144}, {@code linger.ms=20}
 * @param records      records on the topic when the clock stopped
 * @param seconds      from connector start (or first send) until the topic's end offset reached the target
 * @param firstRecord  seconds until the first record was on the topic (task start-up, registration), or -1
 * @param bytes        input bytes
 * @param failure      why the scenario did not reach its target, or null
 */
record ScenarioResult(String scenario, boolean tuned, long records, double seconds, double firstRecord, long bytes,
                      String failure) {

    double recordsPerSecond() {
        return records / seconds;
    }

    double megabytesPerSecond() {
        return bytes / seconds / 1_000_000.0;
    }

    String producer() {
        return tuned ? "batch 256k, linger 20" : "defaults";
    }
}
