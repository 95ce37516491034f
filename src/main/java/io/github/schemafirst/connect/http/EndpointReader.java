package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.http.pagination.Page;
import io.github.schemafirst.connect.http.pagination.Paginator;
import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.HttpFetcher;
import io.github.schemafirst.connect.http.request.Template;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one endpoint in cycles: a cycle requests the first page with the current incremental value, follows the
 * pagination until an empty page or no next page, then waits for the poll interval. Each call of
 * {@link #fetchPage()} fetches one page and returns its records, each with the {@link EndpointOffset} to commit
 * once it is written. Knows nothing of schemas or Connect records.
 */
public final class EndpointReader {
    private static final Logger log = LoggerFactory.getLogger(EndpointReader.class);

    /** Position index of a response body that holds no records: the body as a whole, not one of its elements. */
    public static final long WHOLE_BODY_INDEX = -1;

    private final Endpoint endpoint;
    private final RequestTemplate requests;
    private final HttpFetcher fetcher;
    private final Paginator paginator;
    private final ResponseRecords responseRecords;
    private final IncrementalField incrementalField;
    private final Duration interval;
    private final Clock clock;

    private String cycleIncremental;
    private String cycleMax;
    private String pageToken;
    private long skip;
    private boolean inCycle;
    /** Inside a cycle, waiting until {@link #nextCycleAt} to request again a page that came back unreadable. */
    private boolean pagePaused;
    private Instant cycleStartedAt;
    private Instant nextCycleAt = Instant.MIN;
    /** The previous page's body in this cycle, to notice an API that ignores the pagination parameters. */
    private byte[] previousBody;

    /** @param incrementalField null when there is none */
    public EndpointReader(Endpoint endpoint, RequestTemplate requests, HttpFetcher fetcher, Paginator paginator,
                          ResponseRecords responseRecords, IncrementalField incrementalField, Duration interval,
                          Clock clock) {
        this.endpoint = endpoint;
        this.requests = requests;
        this.fetcher = fetcher;
        this.paginator = paginator;
        this.responseRecords = responseRecords;
        this.incrementalField = incrementalField;
        this.interval = interval;
        this.clock = clock;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Resumes from a committed offset: mid-cycle at the stored page, or before the next cycle. */
    public void restore(EndpointOffset offset) {
        cycleIncremental = offset.incremental();
        inCycle = offset.inCycle();
        pagePaused = false;
        pageToken = offset.pageToken();
        skip = offset.skip();
        cycleMax = offset.inCycle() ? IncrementalField.max(offset.cycleMax(), cycleIncremental) : cycleIncremental;
        cycleStartedAt = clock.instant();
        nextCycleAt = Instant.MIN;
        if (inCycle) {
            log.info("Resuming {} mid-cycle at page '{}' after {} record(s)", endpoint,
                    pageToken == null ? "first" : pageToken, skip);
        }
    }

    /** Whether {@link #fetchPage()} has something to do now: a cycle under way, or the interval elapsed. */
    public boolean isDue(Instant now) {
        return (inCycle && !pagePaused) || !now.isBefore(nextCycleAt);
    }

    public Instant nextCycleAt() {
        return inCycle && !pagePaused ? Instant.MIN : nextCycleAt;
    }

    /** The incremental value the current or next cycle's requests use. */
    public String incrementalValue() {
        return cycleIncremental;
    }

    /**
     * Fetches the next page (starting a cycle if none is under way) and returns its records.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException when the request fails for good
     * @throws InterruptedException                             when the task is stopping
     */
    public List<FetchedRecord> fetchPage() throws InterruptedException {
        if (pagePaused) {
            pagePaused = false;
            cycleStartedAt = clock.instant();
        } else if (!inCycle) {
            inCycle = true;
            pageToken = null;
            skip = 0;
            cycleMax = cycleIncremental;
            cycleStartedAt = clock.instant();
        }
        Map<String, String> values = new HashMap<>();
        values.put(Template.INCREMENTAL, cycleIncremental == null ? "" : cycleIncremental);
        values.put(Template.CURSOR, paginator.templateCursor(pageToken));
        URI base = URI.create(endpoint.url().render(values, Escaping.URL));
        URI uri = paginator.pageUri(base, pageToken);
        HttpResponse<byte[]> response = fetcher.fetch(requests.request(uri, values));
        String source = uri.toString();
        ResponseRecords.Extraction extraction = responseRecords.extract(response.body());

        if (extraction.failure() != null) {
            // The cycle cannot go on without this page: ask for the same page again after the poll interval.
            // Starting the cycle over would deliver its earlier pages a second time, even with exactly-once.
            EndpointOffset retry = pageToken == null && skip == 0 ? EndpointOffset.betweenCycles(cycleIncremental)
                    : EndpointOffset.inCycle(cycleIncremental, pageToken, skip, cycleMax);
            pagePaused = true;
            nextCycleAt = cycleStartedAt.plus(interval);
            return List.of(FetchedRecord.invalidBody(
                    new RawRecord(Position.item(source, WHOLE_BODY_INDEX), response.body()),
                    extraction.failure(), retry));
        }

        List<JsonNode> items = extraction.records();
        if (previousBody != null && !items.isEmpty() && Arrays.equals(previousBody, response.body())) {
            log.warn("Ending the cycle of {}: {} returned the same records as the previous page (does the API "
                    + "support the http.pagination.* parameters?)", endpoint, source);
            endCycle();
            return List.of();
        }
        previousBody = response.body();
        Optional<String> next = paginator.next(pageToken,
                new Page(uri, extraction.body(), response.headers().allValues("Link"), items.size()));
        List<FetchedRecord> records = new ArrayList<>(items.size());
        int last = items.size() - 1;
        for (int i = (int) Math.min(skip, items.size()); i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (incrementalField != null) {
                cycleMax = IncrementalField.max(cycleMax, incrementalField.valueOf(item).orElse(null));
            }
            // Even the last record of a page points into that page (skip = all of it), not at the next page: a
            // restart re-requests it and finds what was appended to it meanwhile. Pointing at the next page would
            // lose those records once later pages exist, and the cycle's max would then pass over them.
            EndpointOffset after = i < last || next.isPresent()
                    ? EndpointOffset.inCycle(cycleIncremental, pageToken, i + 1L, cycleMax)
                    : EndpointOffset.betweenCycles(cycleMax);
            records.add(FetchedRecord.parsed(new RawRecord(Position.item(source, i), extraction.recordBytes(i)),
                    item, after));
        }
        if (next.isPresent()) {
            pageToken = next.get();
            skip = 0;
        } else {
            endCycle();
        }
        return records;
    }

    private void endCycle() {
        previousBody = null;
        cycleIncremental = cycleMax;
        inCycle = false;
        pageToken = null;
        skip = 0;
        cycleMax = cycleIncremental;
        nextCycleAt = cycleStartedAt.plus(interval);
    }
}
