package io.github.schemafirst.connect.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where polling an endpoint stands, as stored in the Connect source offset after each record.
 *
 * <p>Between cycles only {@code incremental} is set: the highest incremental value of all records committed, the
 * value the next cycle's requests use. Inside a cycle, {@code incremental} stays the value this cycle's requests
 * use, and {@code cycle.page} (the page token, empty for the first page), {@code cycle.skip} (records of that
 * page already delivered) and {@code cycle.max} (highest incremental value so far) say where to resume. So the
 * incremental value only moves once a whole cycle is committed, whatever order the server returns records in, and
 * a restart re-requests at most the page of the last committed record.
 */
public final class EndpointOffset {
    public static final String INCREMENTAL_KEY = "incremental";
    public static final String PAGE_KEY = "cycle.page";
    public static final String SKIP_KEY = "cycle.skip";
    public static final String MAX_KEY = "cycle.max";

    private final String incremental;
    private final boolean inCycle;
    private final String pageToken;
    private final long skip;
    private final String cycleMax;

    private EndpointOffset(String incremental, boolean inCycle, String pageToken, long skip, String cycleMax) {
        this.incremental = incremental;
        this.inCycle = inCycle;
        this.pageToken = pageToken;
        this.skip = skip;
        this.cycleMax = cycleMax;
    }

    /** @param incremental null when there is none yet */
    public static EndpointOffset betweenCycles(String incremental) {
        return new EndpointOffset(incremental, false, null, 0, null);
    }

    /** @param pageToken null for the first page */
    public static EndpointOffset inCycle(String incremental, String pageToken, long skip, String cycleMax) {
        return new EndpointOffset(incremental, true, pageToken, skip, cycleMax);
    }

    /**
     * Reads a stored offset; tolerant of what a converter may have done to the types (numbers as Integer/Long).
     *
     * @param stored  null when the endpoint has no offset yet
     * @param initial {@code http.incremental.initial}, used while no incremental value is stored; may be null
     */
    public static EndpointOffset fromMap(Map<String, ?> stored, String initial) {
        if (stored == null) {
            return betweenCycles(initial);
        }
        String incremental = stored.containsKey(INCREMENTAL_KEY) ? text(stored.get(INCREMENTAL_KEY)) : initial;
        if (!stored.containsKey(PAGE_KEY)) {
            return betweenCycles(incremental);
        }
        String page = text(stored.get(PAGE_KEY));
        Object skip = stored.get(SKIP_KEY);
        long skipCount = skip instanceof Number ? ((Number) skip).longValue()
                : skip == null ? 0L : Long.parseLong(skip.toString());
        return inCycle(incremental, page == null || page.isEmpty() ? null : page, skipCount,
                text(stored.get(MAX_KEY)));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        if (incremental != null) {
            map.put(INCREMENTAL_KEY, incremental);
        }
        if (inCycle) {
            map.put(PAGE_KEY, pageToken == null ? "" : pageToken);
            map.put(SKIP_KEY, skip);
            if (cycleMax != null) {
                map.put(MAX_KEY, cycleMax);
            }
        }
        return map;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public String incremental() {
        return incremental;
    }

    public boolean inCycle() {
        return inCycle;
    }

    /** The page to fetch, null for the first page. */
    public String pageToken() {
        return pageToken;
    }

    public long skip() {
        return skip;
    }

    public String cycleMax() {
        return cycleMax;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EndpointOffset)) {
            return false;
        }
        EndpointOffset other = (EndpointOffset) o;
        return inCycle == other.inCycle && skip == other.skip && Objects.equals(incremental, other.incremental)
                && Objects.equals(pageToken, other.pageToken) && Objects.equals(cycleMax, other.cycleMax);
    }

    @Override
    public int hashCode() {
        return Objects.hash(incremental, inCycle, pageToken, skip, cycleMax);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
