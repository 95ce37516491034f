package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.core.Version;
import io.github.schemafirst.connect.http.auth.Authenticator;
import io.github.schemafirst.connect.http.auth.Authenticators;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.http.auth.Secrets;
import io.github.schemafirst.connect.http.pagination.Paginator;
import io.github.schemafirst.connect.http.pagination.Paginators;
import io.github.schemafirst.connect.http.request.Backoff;
import io.github.schemafirst.connect.http.request.HttpFetcher;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the endpoints assigned to this task in turn, one page per fetch, and hands their records to the worker
 * through the shared {@link RecordPipeline}: a poll() fetches pages, from whichever endpoints are due, until it has
 * {@code batch.max.records} records or nothing is due. Each record carries its endpoint as source partition and the
 * {@link EndpointOffset} just after it, so the worker commits progress record by record.
 */
public class HttpSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(HttpSourceTask.class);
    /** The longest poll() blocks while no endpoint is due, so the worker regains control regularly. */
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);
    /** The longest poll() goes on fetching further pages to fill its batch. */
    private static final Duration MAX_FETCHING = Duration.ofSeconds(1);

    private final Clock clock = Clock.systemUTC();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final StopSignal stop = new StopSignal();
    private List<EndpointReader> readers = List.of();
    private RecordPipeline pipeline;
    private int batchMaxRecords;
    private int nextReader;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        HttpSourceConfig config = new HttpSourceConfig(props);
        pipeline = RecordPipeline.create(config, config.loadValueSchema());
        batchMaxRecords = config.batchMaxRecords();

        HttpClient client = HttpClients.fromConfig(config);
        Secrets secrets = Secrets.fromConfig(config);
        OriginPolicy origins = OriginPolicy.fromConfig(config, secrets);
        Authenticator auth = Authenticators.fromConfig(config, client, clock, secrets);
        Backoff backoff = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        HttpFetcher fetcher = new HttpFetcher(client, auth, origins, config.readTimeout(), config.retryMaxAttempts(),
                backoff, stop, clock);
        Paginator paginator = Paginators.fromConfig(config, origins);
        RequestTemplate requests = RequestTemplate.fromConfig(config);
        ResponseRecords responseRecords = new ResponseRecords(config.recordsPointer());
        IncrementalField incremental = config.incrementalField().map(IncrementalField::of).orElse(null);

        List<Endpoint> endpoints = Endpoints.forTask(config);
        List<Map<String, String>> partitions = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            partitions.add(endpoint.partition());
        }
        Map<Map<String, String>, Map<String, Object>> offsets = context == null ? Collections.emptyMap()
                : context.offsetStorageReader().offsets(partitions);
        List<EndpointReader> created = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            EndpointReader reader = new EndpointReader(endpoint, requests, fetcher, paginator, responseRecords,
                    incremental, config.pollInterval(), clock);
            Map<String, Object> stored = offsets == null ? null : offsets.get(endpoint.partition());
            reader.restore(EndpointOffset.fromMap(stored, config.incrementalInitial().orElse(null)));
            created.add(reader);
        }
        readers = created;
        log.info("HTTP source task polling {} endpoint(s): {}", endpoints.size(), endpoints);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> batch = new ArrayList<>();
        drainInto(batch);
        if (batch.size() >= batchMaxRecords || stop.isStopped()) {
            return batch.isEmpty() ? null : batch;
        }
        // Fetch pages while the batch has room and some endpoint is due right now, so the worker gets batches of
        // up to batch.max.records instead of one page; never wait for an interval here, and hand back control
        // after MAX_FETCHING even when pages keep coming back with nothing to send (all skipped, all empty).
        Instant fetchUntil = clock.instant().plus(MAX_FETCHING);
        try {
            while (batch.size() < batchMaxRecords && !stop.isStopped()) {
                Instant now = clock.instant();
                EndpointReader reader = nextDueReader(now);
                if (reader == null) {
                    if (batch.isEmpty()) {
                        stop.await(idleWait(now));
                    }
                    break;
                }
                for (FetchedRecord record : reader.fetchPage()) {
                    pending.add(new Pending(reader.endpoint(), record));
                }
                drainInto(batch);
                if (!clock.instant().isBefore(fetchUntil)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            if (!stop.isStopped()) {
                throw e;
            }
            // stopping: the records already converted carry their own offsets, so handing them over is safe
        }
        return batch.isEmpty() ? null : batch;
    }

    private void drainInto(List<SourceRecord> batch) {
        while (batch.size() < batchMaxRecords && !pending.isEmpty()) {
            Pending next = pending.poll();
            SourceRecord record = pipeline.toSourceRecord(next.record.raw(), next.record.decoder(),
                    next.endpoint.partition(), next.record.offsetMap());
            if (record != null) {
                batch.add(record);
            }
        }
    }

    /** Round robin over the endpoints that are due, so one endpoint with many pages cannot starve the others. */
    private EndpointReader nextDueReader(Instant now) {
        for (int i = 0; i < readers.size(); i++) {
            EndpointReader reader = readers.get((nextReader + i) % readers.size());
            if (reader.isDue(now)) {
                nextReader = (nextReader + i + 1) % readers.size();
                return reader;
            }
        }
        return null;
    }

    private Duration idleWait(Instant now) {
        Instant earliest = Instant.MAX;
        for (EndpointReader reader : readers) {
            if (reader.nextCycleAt().isBefore(earliest)) {
                earliest = reader.nextCycleAt();
            }
        }
        Duration wait = earliest.equals(Instant.MAX) ? MAX_IDLE_WAIT : Duration.between(now, earliest);
        return wait.compareTo(MAX_IDLE_WAIT) > 0 ? MAX_IDLE_WAIT : wait;
    }

    @Override
    public void stop() {
        stop.stop();
    }

    private static final class Pending {
        final Endpoint endpoint;
        final FetchedRecord record;

        Pending(Endpoint endpoint, FetchedRecord record) {
            this.endpoint = endpoint;
            this.record = record;
        }
    }
}
