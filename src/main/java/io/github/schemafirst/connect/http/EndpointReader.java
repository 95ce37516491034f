package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.http.pagination.Page;
import io.github.schemafirst.connect.http.pagination.Paginator;
import io.github.schemafirst.connect.http.request.Backoff;
import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.HttpFetcher;
import io.github.schemafirst.connect.http.request.HttpStatusException;
import io.github.schemafirst.connect.net.ResponseBody;
import io.github.schemafirst.connect.http.request.Template;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one endpoint in cycles: a cycle requests the first page with the current incremental mark, follows the
 * pagination until an empty page or no next page, then waits for the poll interval. {@link #fetchPage(Duration)}
 * works on one page for a bounded time and, once the page is read, returns its records, each with the
 * {@link EndpointOffset} to commit once it is written. A request in flight or waiting for its retry stays here
 * between calls, so the caller never blocks longer than it asks. Knows nothing of schemas or Connect records.
 *
 * <p><b>Prefetch</b> ({@code http.pagination.prefetch.enabled}): as soon as a page is parsed and names a next page,
 * the request for that page is sent, before the page's records are handed back, so the response travels while the
 * caller maps and delivers them. It is the same request the next {@link #fetchPage} would have sent (the token
 * and template values of the next page), and nothing of the next page is read before that call: its records, the
 * pagination and incremental state they move, and any failure of the request (retries, a fatal status, an expired
 * token) are handled there, in order, exactly as without prefetch. So at most one request per endpoint is ever
 * under way, the offsets carried by a page's records never reflect a later page, and {@link #close()} cancels a
 * prefetched request like any other. Only the next page of a cycle is prefetched, never the first page of the next
 * cycle.
 */
public final class EndpointReader {
    private static final Logger log = LoggerFactory.getLogger(EndpointReader.class);

    /** Position index of a response body that holds no records: the body as a whole, not one of its elements. */
    public static final long WHOLE_BODY_INDEX = -1;

    /** Statuses with which an API refuses a page token it issued earlier (an expired cursor or next URL). */
    private static final Set<Integer> EXPIRED_TOKEN_STATUSES = Set.of(400, 404, 410);

    private final Endpoint endpoint;
    private final RequestTemplate requests;
    private final HttpFetcher fetcher;
    private final Paginator paginator;
    private final ResponseRecords responseRecords;
    private final IncrementalTracker incremental;
    private final Duration interval;
    private final Backoff backoff;
    private final Clock clock;
    private final boolean prefetch;

    private String pageToken;
    private long skip;
    private Instant lastCycleEndedAt;
    private boolean inCycle;
    /** Inside a cycle, waiting until {@link #nextCycleAt} to request again a page that came back unreadable. */
    private boolean pagePaused;
    /** Unreadable responses of the current page in a row, for the growing pause before asking again. */
    private int pageFailures;
    /** The page token came from a stored offset and the API has not accepted it yet. */
    private boolean resumedToken;
    private Instant cycleStartedAt;
    private Instant nextCycleAt = Instant.MIN;
    /** Digest of the previous page's body in this cycle, to notice an API that ignores the pagination parameters. */
    private byte[] previousBodyDigest;
    /**
     * The page request under way (in flight, waiting to be retried, or prefetched for the page after the one just
     * read), null between pages. Volatile: {@link #close()} may run on another thread.
     */
    private volatile HttpFetcher.Call call;
    private URI callUri;

    /**
     * @param backoff  paces the requests for a page that came back unreadable, on top of the poll interval
     * @param prefetch whether the next page of a cycle is requested as soon as the current one is parsed
     */
    public EndpointReader(Endpoint endpoint, RequestTemplate requests, HttpFetcher fetcher, Paginator paginator,
                          ResponseRecords responseRecords, IncrementalTracker incremental, Duration interval,
                          Backoff backoff, Clock clock, boolean prefetch) {
        this.endpoint = endpoint;
        this.requests = requests;
        this.fetcher = fetcher;
        this.paginator = paginator;
        this.responseRecords = responseRecords;
        this.incremental = incremental;
        this.interval = interval;
        this.backoff = backoff;
        this.clock = clock;
        this.prefetch = prefetch;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Resumes from a committed offset: mid-cycle at the stored page, or before the next cycle. */
    public void restore(EndpointOffset offset) {
        cancelCall();
        try {
            incremental.restore(offset);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("The stored offset of " + endpoint + " is unusable (" + e.getMessage()
                    + "); set it with PATCH /connectors/{name}/offsets: " + offset, e);
        }
        inCycle = offset.inCycle();
        pagePaused = false;
        pageFailures = 0;
        pageToken = offset.pageToken();
        skip = offset.skip();
        resumedToken = inCycle && pageToken != null;
        previousBodyDigest = null;
        cycleStartedAt = clock.instant();
        nextCycleAt = Instant.MIN;
        if (inCycle) {
            log.info("Resuming {} mid-cycle at page '{}' after {} record(s)", endpoint,
                    pageToken == null ? "first" : pageToken, skip);
        }
    }

    /** Whether {@link #fetchPage} has something to do now. */
    public boolean isDue(Instant now) {
        return !now.isBefore(nextActionAt());
    }

    /**
     * When {@link #fetchPage} has something to do: {@link Instant#MIN} while a cycle is under way or a request in
     * flight, the retry time while a request backs off, the start of the next cycle (or of the next attempt at an
     * unreadable page) otherwise.
     */
    public Instant nextActionAt() {
        if (call != null) {
            return call.readyAt();
        }
        return inCycle && !pagePaused ? Instant.MIN : nextCycleAt;
    }

    /** When this reader last read the last page of a cycle; null before it has. */
    public Instant lastCycleEndedAt() {
        return lastCycleEndedAt;
    }

    /** The incremental value the current or next cycle's requests use. */
    public String incrementalValue() {
        return incremental.startValue();
    }

    /**
     * Works on the next page (starting a cycle if none is under way) for at most about {@code maxWait}: sends its
     * request, or waits for the response of the one in flight.
     *
     * @return the page's records once it has been read (possibly none); empty while its request is in flight or
     *         waiting to be retried
     * @throws ConnectException     when the request fails for good
     * @throws InterruptedException when the task is stopping
     */
    public Optional<List<FetchedRecord>> fetchPage(Duration maxWait) throws InterruptedException {
        if (call == null) {
            if (pagePaused) {
                pagePaused = false;
                cycleStartedAt = clock.instant();
            } else if (!inCycle) {
                inCycle = true;
                pageToken = null;
                skip = 0;
                incremental.startCycle();
                cycleStartedAt = clock.instant();
            }
            newCall(pageToken);
        }
        HttpFetcher.Call call = this.call;
        Optional<HttpResponse<ResponseBody>> response;
        try {
            response = call.poll(maxWait);
        } catch (HttpStatusException e) {
            this.call = null;
            if (resumedToken && EXPIRED_TOKEN_STATUSES.contains(e.status())) {
                restartCycleAfterExpiredToken(e);
                return Optional.of(List.of());
            }
            throw e;
        } catch (ConnectException | InterruptedException e) {
            this.call = null;
            throw e;
        }
        if (response.isEmpty()) {
            return Optional.empty();
        }
        this.call = null;
        return Optional.of(read(callUri, response.get()));
    }

    /** Creates the request for the page {@code token} names (null: the first page) in the current cycle. */
    private void newCall(String token) {
        Map<String, String> values = templateValues(token);
        URI base = URI.create(endpoint.url().render(values, Escaping.URL));
        URI uri = paginator.pageUri(base, token);
        call = fetcher.call(requests.request(uri, values));
        callUri = uri;
    }

    /**
     * Sends the request for the next page of the cycle now (see the class comment); a failure to even create it
     * (the task is stopping) is left to the next {@link #fetchPage}, which creates the request again and reports it.
     */
    private void prefetch(String nextToken) {
        try {
            newCall(nextToken);
            call.send();
        } catch (ConnectException | IllegalArgumentException e) {
            log.debug("{}: not prefetching page '{}': {}", endpoint, nextToken, e.getMessage());
            cancelCall();
        }
    }

    /** Whether a request is under way (in flight, backing off, or prefetched). */
    boolean hasCall() {
        return call != null;
    }

    /** Cancels the request under way, if any (the task is stopping; may be called from another thread). */
    public void close() {
        HttpFetcher.Call current = call;
        if (current != null) {
            current.cancel();
        }
    }

    private void cancelCall() {
        HttpFetcher.Call current = call;
        if (current != null) {
            current.cancel();
            call = null;
        }
    }

    private Map<String, String> templateValues(String token) {
        Map<String, String> values = new HashMap<>();
        String value = incremental.startValue();
        String id = incremental.startId();
        values.put(Template.INCREMENTAL, value == null ? "" : value);
        values.put(Template.INCREMENTAL_ID, id == null ? "" : id);
        values.put(Template.CURSOR, paginator.templateCursor(token));
        return values;
    }

    private void restartCycleAfterExpiredToken(HttpStatusException e) {
        log.warn("{}: the API no longer accepts the page token '{}' stored in the offset ({}); restarting the cycle "
                        + "from incremental value '{}'. Records of the interrupted cycle read before the restart "
                        + "may be delivered again", endpoint, pageToken, e.getMessage(),
                incremental.startValue() == null ? "" : incremental.startValue());
        resumedToken = false;
        pageToken = null;
        skip = 0;
        previousBodyDigest = null;
        incremental.startCycle();
    }

    private List<FetchedRecord> read(URI uri, HttpResponse<ResponseBody> response) {
        String source = uri.toString();
        ResponseBody body = response.body();
        resumedToken = false;
        String failure;
        ResponseRecords.Extraction extraction = null;
        if (body.overLimit()) {
            failure = body.overLimitReason(HttpSourceConfig.RESPONSE_MAX_BYTES_CONFIG);
        } else {
            extraction = responseRecords.extract(body.bytes());
            failure = extraction.failure();
        }
        if (failure != null) {
            return unreadable(source, body.bytes(), failure);
        }
        pageFailures = 0;

        List<JsonNode> items = extraction.records();
        byte[] digest = digest(body.bytes());
        if (previousBodyDigest != null && !items.isEmpty() && Arrays.equals(previousBodyDigest, digest)) {
            log.warn("Ending the cycle of {}: {} returned the same records as the previous page (does the API "
                    + "support the http.pagination.* parameters?)", endpoint, source);
            endCycle();
            return List.of();
        }
        previousBodyDigest = digest;
        Optional<String> next = paginator.next(pageToken,
                new Page(uri, extraction.body(), response.headers().allValues("Link"), items.size()));
        if (prefetch && next.isPresent()) {
            prefetch(next.get());
        }
        List<FetchedRecord> records = new ArrayList<>(items.size());
        int last = items.size() - 1;
        int first = (int) Math.min(skip, items.size());
        incremental.startPage();
        try {
            // read again after a restart: the records delivered before it still count towards the cycle's highest mark
            for (int i = 0; i < first; i++) {
                incremental.observe(items.get(i));
            }
            for (int i = first; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (incremental.isDuplicate(item)) {
                    continue; // inclusive mode: delivered in an earlier cycle at the same value
                }
                incremental.observe(item);
                // Even the last record of a page points into that page (skip = all of it), not at the next page: a
                // restart re-requests it and finds what was appended to it meanwhile. Pointing at the next page would
                // lose those records once later pages exist, and the cycle's max would then pass over them.
                EndpointOffset after = i < last || next.isPresent()
                        ? EndpointOffset.inCycle(incremental.start(), pageToken, i + 1L, incremental.maxBeforePage())
                        : EndpointOffset.betweenCycles(incremental.max());
                records.add(FetchedRecord.parsed(new RawRecord(Position.item(source, i), extraction.recordBytes(i)),
                        item, after));
            }
        } catch (IncrementalTracker.TooManyTiesException e) {
            cancelCall(); // the task fails: nothing more is sent for this endpoint
            throw new ConnectException(endpoint + ": " + e.getMessage(), e);
        }
        if (next.isPresent()) {
            pageToken = next.get();
            skip = 0;
        } else {
            endCycle();
        }
        return records;
    }

    /**
     * A body that yields no records: one invalid record for the invalid record policy, then the same page again
     * after the poll interval, and never sooner than the backoff of the page's failures in a row.
     */
    private List<FetchedRecord> unreadable(String source, byte[] bytes, String failure) {
        // The cycle cannot go on without this page: ask for the same page again later. Starting the cycle over
        // would deliver its earlier pages a second time, even with exactly-once.
        EndpointOffset retry = pageToken == null && skip == 0 ? EndpointOffset.betweenCycles(incremental.start())
                : EndpointOffset.inCycle(incremental.start(), pageToken, skip, incremental.max());
        pagePaused = true;
        pageFailures++;
        Instant byInterval = cycleStartedAt.plus(interval);
        Instant byBackoff = clock.instant().plus(backoff.delay(pageFailures));
        nextCycleAt = byInterval.isAfter(byBackoff) ? byInterval : byBackoff;
        return List.of(FetchedRecord.invalidBody(new RawRecord(Position.item(source, WHOLE_BODY_INDEX), bytes),
                failure, retry));
    }

    private void endCycle() {
        lastCycleEndedAt = clock.instant();
        previousBodyDigest = null;
        incremental.endCycle();
        inCycle = false;
        pageToken = null;
        skip = 0;
        nextCycleAt = cycleStartedAt.plus(interval);
    }

    private static byte[] digest(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
