package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.core.ReadAhead;
import io.github.schemafirst.connect.core.RecordPipeline;
import io.github.schemafirst.connect.core.ValueSchemaRegistration;
import io.github.schemafirst.connect.core.Version;
import io.github.schemafirst.connect.http.auth.Authenticator;
import io.github.schemafirst.connect.http.auth.Authenticators;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.http.auth.Secrets;
import io.github.schemafirst.connect.http.pagination.Paginator;
import io.github.schemafirst.connect.http.pagination.Paginators;
import io.github.schemafirst.connect.http.request.Backoff;
import io.github.schemafirst.connect.http.request.HttpFetcher;
import io.github.schemafirst.connect.schema.DeclaredSchema;
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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the endpoints assigned to this task in turn, one page per fetch, and hands their records to the worker
 * through the shared {@link RecordPipeline}: a poll() fetches pages, from whichever endpoints are due, until it has
 * {@code batch.max.records} records, nothing is due, or about a second has passed. Each record carries its endpoint
 * as source partition and the {@link EndpointOffset} just after it, so the worker commits progress record by record.
 *
 * <p>A poll() never blocks for long, whatever the endpoints are doing (waiting for the next cycle, backing off after
 * a failure, honouring a {@code Retry-After}, waiting for a slow response): since Kafka 3.0 the runtime calls
 * {@link #stop()} only after poll() has returned, and pauses and rebalances between polls too. Requests in flight
 * and retry state stay in the {@link EndpointReader}s between polls; {@link #stop()} cancels them and closes the
 * HTTP client.
 *
 * <p>With prefetch ({@code http.pagination.prefetch.enabled}, the default) a reader sends the request for its next
 * page while the current page's records are handed over, and a poll that already holds records does not wait for a
 * response: it hands over what it has, and the next page arrives while the worker converts and sends them.
 *
 * <p>With read-ahead ({@code read.ahead.enabled}, the default) every batch is fetched and mapped on a
 * {@link ReadAhead} thread, the next one while the worker converts and sends the one just returned: a read starts
 * only when none is pending, so the readers and the pending records are used by one thread at a time, and a batch
 * read ahead is the one the next poll() would have read. {@link #stop()} drops it unsent.
 */
public class HttpSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(HttpSourceTask.class);
    /**
     * The longest a poll() works or waits before handing control back to the worker: fetching further pages to fill
     * its batch, waiting for a response, or waiting for an endpoint to become due.
     */
    static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final long READ_AHEAD_SLACK_MILLIS = 100;

    private final Clock clock = Clock.systemUTC();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final StopSignal stop = new StopSignal();
    private List<EndpointReader> readers = List.of();
    /** Registers what the converter will not (value.schema.registration=connector); no record before it is ready. */
    private volatile ValueSchemaRegistration registration;
    private HttpFetcher fetcher;
    private RecordPipeline pipeline;
    private HttpTaskMetrics metrics;
    private int batchMaxRecords;
    private boolean prefetch;
    /** Reads the next batch while the worker sends the current one; null with read.ahead.enabled=false. */
    private ReadAhead<List<SourceRecord>> readAhead;
    private int nextReader;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        HttpSourceConfig config = new HttpSourceConfig(props);
        Optional<DeclaredSchema> schema = config.loadValueSchema();
        pipeline = RecordPipeline.create(config, schema);
        batchMaxRecords = config.batchMaxRecords();
        prefetch = config.prefetchEnabled();

        HttpClient client = HttpClients.fromConfig(config);
        Secrets secrets = Secrets.fromConfig(config);
        OriginPolicy origins = OriginPolicy.fromConfig(config, secrets);
        Authenticator auth = Authenticators.fromConfig(config, client, clock, secrets);
        Backoff backoff = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        fetcher = new HttpFetcher(client, auth, origins, config.readTimeout(), config.retryMaxAttempts(), backoff,
                config.retryAfterMax(), config.responseMaxBytes(), stop, clock);
        Paginator paginator = Paginators.fromConfig(config, origins);
        RequestTemplate requests = RequestTemplate.fromConfig(config);
        ResponseRecords responseRecords = new ResponseRecords(config.recordsPointer());

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
                    IncrementalTracker.fromConfig(config), config.pollInterval(), backoff, clock, prefetch);
            Map<String, Object> stored = offsets == null ? null : offsets.get(endpoint.partition());
            reader.restore(EndpointOffset.fromMap(stored, config.incrementalInitial().orElse(null)));
            created.add(reader);
        }
        readers = created;
        registration = ValueSchemaRegistration.start(config, schema, config.connectorName());
        readAhead = config.readAhead() ? new ReadAhead<>("schemafirst-read-ahead-" + config.connectorName() + "-"
                + props.getOrDefault(HttpTaskMetrics.TASK_INDEX_CONFIG, "0")) : null;
        // last in start(), after everything that can fail: a task that fails to start leaves no MBean behind
        metrics = new HttpTaskMetrics(props, config.invalidRecordTopic().orElse(null), null);
        pipeline.countInto(metrics);
        fetcher.listener(metrics);
        updateCycleMetrics();
        metrics.register();
        metrics.registerWithWorker(context);
        log.info("HTTP source task polling {} endpoint(s): {}", endpoints.size(), endpoints);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (!registration.ready()) {
            return null;
        }
        // with read-ahead every read runs on the reading thread; it works or waits at most MAX_POLL, and a little
        // more lets it finish in this poll
        List<SourceRecord> batch = readAhead == null ? readBatch()
                : readAhead.next(this::readBatch, MAX_POLL.toMillis() + READ_AHEAD_SLACK_MILLIS);
        if (batch == null || batch.isEmpty()) {
            return null;
        }
        if (readAhead != null) {
            readAhead.start(this::readBatch); // fetch and map while the worker converts and sends this batch
        }
        return batch;
    }

    /**
     * Fetches pages and maps their records into a batch: on the read-ahead thread, or on the task's thread with
     * read.ahead.enabled=false.
     */
    private List<SourceRecord> readBatch() throws InterruptedException {
        List<SourceRecord> batch = new ArrayList<>();
        pipeline.logInvalidRecordSummary();
        drainInto(batch);
        if (batch.size() >= batchMaxRecords || stop.isStopped()) {
            return batch;
        }
        // Fetch pages while the batch has room and some endpoint is due right now, so the worker gets batches of
        // up to batch.max.records instead of one page; wait for a response, a retry or the next cycle only within
        // MAX_POLL, and hand back control after it even when pages keep coming back with nothing to send.
        long pollEnds = System.nanoTime() + MAX_POLL.toNanos();
        try {
            while (batch.size() < batchMaxRecords && !stop.isStopped()) {
                Duration left = Duration.ofNanos(pollEnds - System.nanoTime());
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                Instant now = clock.instant();
                EndpointReader reader = nextDueReader(now);
                if (reader == null) {
                    if (batch.isEmpty()) {
                        Duration idle = idleWait(now);
                        stop.await(idle.compareTo(left) < 0 ? idle : left);
                    }
                    break;
                }
                // With prefetch, records in hand are not held back for a response: the worker converts and sends
                // them while it arrives (the request is already under way, or is sent now and kept in flight).
                boolean holding = prefetch && !batch.isEmpty();
                Optional<List<FetchedRecord>> page = reader.fetchPage(holding ? Duration.ZERO : left);
                if (page.isEmpty() && holding) {
                    break;
                }
                if (page.isPresent()) {
                    updateCycleMetrics();
                    for (FetchedRecord record : page.get()) {
                        pending.add(new Pending(reader.endpoint(), record));
                    }
                    drainInto(batch);
                }
            }
        } catch (InterruptedException e) {
            if (!stop.isStopped()) {
                throw e;
            }
            // stopping: the records already converted carry their own offsets, so handing them over is safe
        }
        return batch;
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

    /** The last completed cycle and the oldest timestamp cursor, after each page (never per record). */
    private void updateCycleMetrics() {
        long oldest = Long.MAX_VALUE;
        for (EndpointReader reader : readers) {
            Instant ended = reader.lastCycleEndedAt();
            if (ended != null) {
                metrics.cycleEnded(ended.toEpochMilli());
            }
            long value = HttpTaskMetrics.timestampMillis(reader.incrementalValue());
            if (value != Long.MIN_VALUE && value < oldest) {
                oldest = value;
            }
        }
        metrics.oldestIncremental(oldest == Long.MAX_VALUE ? Long.MIN_VALUE : oldest);
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        HttpTaskMetrics taskMetrics = metrics;
        if (taskMetrics != null) {
            taskMetrics.written(record);
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
            if (reader.nextActionAt().isBefore(earliest)) {
                earliest = reader.nextActionAt();
            }
        }
        Duration wait = earliest.equals(Instant.MAX) ? MAX_POLL : Duration.between(now, earliest);
        return wait.compareTo(MAX_POLL) > 0 ? MAX_POLL : wait;
    }

    /**
     * Called by the runtime on the task's thread once poll() has returned (and by tests from other threads): cancels
     * the requests under way and any retry, and closes the HTTP client. Nothing is sent afterwards.
     */
    @Override
    public void stop() {
        stop.stop();
        if (readAhead != null) {
            readAhead.close(); // its batch was never handed over: its pages are fetched again from the offsets
        }
        if (registration != null) {
            registration.close();
        }
        for (EndpointReader reader : readers) {
            reader.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
        if (metrics != null) {
            metrics.close();
        }
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
