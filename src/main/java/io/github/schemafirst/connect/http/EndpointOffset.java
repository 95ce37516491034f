package io.github.schemafirst.connect.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where polling an endpoint stands, as stored in the Connect source offset after each record.
 *
 * <p>Between cycles only the cycle's starting {@link Mark} is set: {@code incremental}, the highest incremental value
 * of all records committed, the value the next cycle's requests use; in inclusive mode with {@code incremental.ids},
 * the ids of the records delivered at that value; in composite mode with {@code incremental.id}, the id half of the
 * (value, id) cursor. Inside a cycle, that mark stays the one this cycle's requests use, and {@code cycle.page} (the
 * page token, empty for the first page), {@code cycle.skip} (records of that page already read) and the cycle's
 * highest mark so far ({@code cycle.max}, {@code cycle.max.ids}, {@code cycle.max.id}) say where to resume. So the
 * incremental value only moves once a whole cycle is committed, whatever order the server returns records in, and a
 * restart re-requests at most the page of the last committed record.
 *
 * <p>{@code cycle.max.ids} holds the ids at {@code cycle.max} from the pages <em>before</em> {@code cycle.page}
 * only: the skipped records of {@code cycle.page} are read again on a restart and add theirs. Every record of a page
 * thus shares one string instead of carrying a list that grows with the page.
 */
public final class EndpointOffset {
    public static final String INCREMENTAL_KEY = "incremental";
    public static final String INCREMENTAL_IDS_KEY = "incremental.ids";
    public static final String INCREMENTAL_ID_KEY = "incremental.id";
    public static final String PAGE_KEY = "cycle.page";
    public static final String SKIP_KEY = "cycle.skip";
    public static final String MAX_KEY = "cycle.max";
    public static final String MAX_IDS_KEY = "cycle.max.ids";
    public static final String MAX_ID_KEY = "cycle.max.id";

    /**
     * A point on the incremental axis: a value, and what breaks ties at it (the ids already delivered at it, as a
     * JSON array, in inclusive mode; the id half of the cursor in composite mode). Any part may be null.
     */
    public static final class Mark {
        static final Mark NONE = new Mark(null, null, null);

        private final String value;
        private final String ids;
        private final String id;

        private Mark(String value, String ids, String id) {
            this.value = value;
            this.ids = ids;
            this.id = id;
        }

        public static Mark of(String value) {
            return value == null ? NONE : new Mark(value, null, null);
        }

        /** @param ids a JSON array of ids ({@link BoundaryIds#toJson()}); null or "[]" for none */
        public static Mark withIds(String value, String ids) {
            return new Mark(value, ids == null || ids.equals("[]") ? null : ids, null);
        }

        public static Mark withId(String value, String id) {
            return new Mark(value, null, id);
        }

        public String value() {
            return value;
        }

        /** The JSON array of ids delivered at the value, or null. */
        public String ids() {
            return ids;
        }

        public String id() {
            return id;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Mark)) {
                return false;
            }
            Mark other = (Mark) o;
            return Objects.equals(value, other.value) && Objects.equals(ids, other.ids)
                    && Objects.equals(id, other.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, ids, id);
        }

        @Override
        public String toString() {
            return value + (ids == null ? "" : " ids " + ids) + (id == null ? "" : " id " + id);
        }
    }

    private final Mark start;
    private final boolean inCycle;
    private final String pageToken;
    private final long skip;
    private final Mark max;

    private EndpointOffset(Mark start, boolean inCycle, String pageToken, long skip, Mark max) {
        this.start = start == null ? Mark.NONE : start;
        this.inCycle = inCycle;
        this.pageToken = pageToken;
        this.skip = skip;
        this.max = max == null ? Mark.NONE : max;
    }

    /** @param incremental null when there is none yet */
    public static EndpointOffset betweenCycles(String incremental) {
        return betweenCycles(Mark.of(incremental));
    }

    public static EndpointOffset betweenCycles(Mark start) {
        return new EndpointOffset(start, false, null, 0, null);
    }

    /** @param pageToken null for the first page */
    public static EndpointOffset inCycle(String incremental, String pageToken, long skip, String cycleMax) {
        return inCycle(Mark.of(incremental), pageToken, skip, Mark.of(cycleMax));
    }

    /** @param pageToken null for the first page */
    public static EndpointOffset inCycle(Mark start, String pageToken, long skip, Mark max) {
        return new EndpointOffset(start, true, pageToken, skip, max);
    }

    /**
     * Reads a stored offset; tolerant of what a converter or a user may have done to the types (numbers for
     * values, Integer or Long for the skip count). Offsets written before the inclusive and composite modes existed
     * (no ids) read as having no ids.
     *
     * @param stored  null when the endpoint has no offset yet
     * @param initial {@code http.incremental.initial}, used while no incremental value is stored; may be null
     */
    public static EndpointOffset fromMap(Map<String, ?> stored, String initial) {
        if (stored == null) {
            return betweenCycles(initial);
        }
        String incremental = stored.containsKey(INCREMENTAL_KEY) ? text(stored.get(INCREMENTAL_KEY)) : initial;
        Mark start = new Mark(incremental, nonEmptyIds(text(stored.get(INCREMENTAL_IDS_KEY))),
                text(stored.get(INCREMENTAL_ID_KEY)));
        if (!stored.containsKey(PAGE_KEY)) {
            return betweenCycles(start);
        }
        String page = text(stored.get(PAGE_KEY));
        Object skip = stored.get(SKIP_KEY);
        long skipCount = skip instanceof Number ? ((Number) skip).longValue()
                : skip == null ? 0L : Long.parseLong(skip.toString().trim());
        Mark max = new Mark(text(stored.get(MAX_KEY)), nonEmptyIds(text(stored.get(MAX_IDS_KEY))),
                text(stored.get(MAX_ID_KEY)));
        return inCycle(start, page == null || page.isEmpty() ? null : page, skipCount, max);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        putMark(map, start, INCREMENTAL_KEY, INCREMENTAL_IDS_KEY, INCREMENTAL_ID_KEY);
        if (inCycle) {
            map.put(PAGE_KEY, pageToken == null ? "" : pageToken);
            map.put(SKIP_KEY, skip);
            putMark(map, max, MAX_KEY, MAX_IDS_KEY, MAX_ID_KEY);
        }
        return map;
    }

    private static void putMark(Map<String, Object> map, Mark mark, String valueKey, String idsKey, String idKey) {
        if (mark.value != null) {
            map.put(valueKey, mark.value);
        }
        if (mark.ids != null) {
            map.put(idsKey, mark.ids);
        }
        if (mark.id != null) {
            map.put(idKey, mark.id);
        }
    }

    private static String nonEmptyIds(String ids) {
        return ids == null || ids.trim().isEmpty() || ids.trim().equals("[]") ? null : ids;
    }

    /** Numbers as their plain decimal text: 42, not 42.0 or 4.2E1, whatever JSON gave the worker. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                return new java.math.BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
            }
        }
        if (value instanceof java.math.BigDecimal) {
            return ((java.math.BigDecimal) value).toPlainString();
        }
        return value.toString();
    }

    /** The cycle's starting mark (between cycles: the mark the next cycle starts from). */
    public Mark start() {
        return start;
    }

    public String incremental() {
        return start.value;
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

    /** Inside a cycle: its highest mark so far (ids: from the pages before {@link #pageToken()} only). */
    public Mark max() {
        return max;
    }

    public String cycleMax() {
        return max.value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EndpointOffset)) {
            return false;
        }
        EndpointOffset other = (EndpointOffset) o;
        return inCycle == other.inCycle && skip == other.skip && start.equals(other.start)
                && Objects.equals(pageToken, other.pageToken) && max.equals(other.max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, inCycle, pageToken, skip, max);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
