package io.github.schemafirst.connect.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.http.EndpointOffset.Mark;
import java.util.Objects;
import java.util.Optional;

/**
 * The incremental state of one endpoint's cycles: the mark a cycle starts from (what its requests send) and the
 * highest mark among the records read so far, by {@code http.incremental.mode}:
 * <ul>
 *   <li>exclusive: the highest value;</li>
 *   <li>inclusive: the highest value and the ids of the records read at it, at most {@code http.incremental.ids.max}
 *       of them; a record at the cycle's starting value whose id was delivered before is a duplicate;</li>
 *   <li>composite: the highest (value, id) pair, values compared first.</li>
 * </ul>
 * Without {@code http.incremental.field} it keeps nothing. Not thread-safe: one endpoint, one thread.
 */
final class IncrementalTracker {
    /** Thrown when more records than {@code http.incremental.ids.max} share the highest value of a cycle. */
    static final class TooManyTiesException extends org.apache.kafka.connect.errors.ConnectException {
        TooManyTiesException(String message) {
            super(message);
        }
    }

    private final IncrementalMode mode;
    private final IncrementalField field;
    private final IncrementalField idField;
    private final int idsMax;

    private String startValue;
    private BoundaryIds startIds = BoundaryIds.empty();
    private String startIdsJson;
    private String startId;

    private String maxValue;
    private BoundaryIds maxIds = BoundaryIds.empty();
    private String maxId;

    private String pageMaxValue;
    private String pageMaxIdsJson;

    /**
     * @param field   null when there is no incremental field
     * @param idField null for none (inclusive mode then identifies records by the digest of their text)
     */
    IncrementalTracker(IncrementalMode mode, IncrementalField field, IncrementalField idField, int idsMax) {
        this.mode = field == null ? IncrementalMode.EXCLUSIVE : mode;
        this.field = field;
        this.idField = idField;
        this.idsMax = idsMax;
    }

    static IncrementalTracker fromConfig(HttpSourceConfig config) {
        return new IncrementalTracker(config.incrementalMode(),
                config.incrementalField().map(IncrementalField::of).orElse(null),
                config.incrementalIdField().map(IncrementalField::of).orElse(null), config.incrementalIdsMax());
    }

    IncrementalMode mode() {
        return mode;
    }

    /**
     * Takes the state of a stored offset: its starting mark and, inside a cycle, the highest mark so far.
     *
     * @throws IllegalArgumentException when stored ids are not a JSON array of strings
     */
    void restore(EndpointOffset offset) {
        Mark start = offset.start();
        startValue = start.value();
        startIds = mode == IncrementalMode.INCLUSIVE ? BoundaryIds.parse(start.ids()) : BoundaryIds.empty();
        startIdsJson = startIds.isEmpty() ? null : startIds.toJson();
        startId = mode == IncrementalMode.COMPOSITE ? start.id() : null;
        startCycle();
        if (!offset.inCycle()) {
            return;
        }
        Mark max = offset.max();
        if (max.value() == null) {
            return;
        }
        switch (mode) {
            case INCLUSIVE: {
                BoundaryIds ids = BoundaryIds.parse(max.ids());
                int cmp = startValue == null ? 1 : IncrementalField.compare(max.value(), startValue);
                if (cmp > 0) {
                    maxValue = max.value();
                    maxIds = ids;
                } else if (cmp == 0) {
                    maxIds.addAll(ids);
                }
                break;
            }
            case COMPOSITE:
                if (greaterPair(max.value(), max.id(), maxValue, maxId)) {
                    maxValue = max.value();
                    maxId = max.id();
                }
                break;
            default:
                maxValue = IncrementalField.max(maxValue, max.value());
                break;
        }
    }

    /** A new cycle: nothing read yet, the highest mark is the starting one. */
    void startCycle() {
        maxValue = startValue;
        maxIds = startIds.copy();
        maxId = startId;
    }

    /** The cycle is complete: its highest mark becomes the next cycle's start. */
    void endCycle() {
        startValue = maxValue;
        startIds = maxIds;
        startIdsJson = startIds.isEmpty() ? null : startIds.toJson();
        startId = maxId;
        startCycle();
    }

    /** Remembers the highest mark before a page's records, which the offsets of that page's records refer to. */
    void startPage() {
        pageMaxValue = maxValue;
        pageMaxIdsJson = mode == IncrementalMode.INCLUSIVE && !maxIds.isEmpty() ? maxIds.toJson() : null;
    }

    /** Inclusive mode: the record is at the cycle's starting value and was delivered in an earlier cycle. */
    boolean isDuplicate(JsonNode record) {
        if (mode != IncrementalMode.INCLUSIVE || startValue == null || startIds.isEmpty()) {
            return false;
        }
        Optional<String> value = field.valueOf(record);
        return value.isPresent() && IncrementalField.compare(value.get(), startValue) == 0
                && startIds.contains(idKey(record));
    }

    /**
     * Takes a record into the highest mark.
     *
     * @throws TooManyTiesException in inclusive mode, when more than {@code http.incremental.ids.max} records share
     *                              the highest value
     */
    void observe(JsonNode record) {
        if (field == null) {
            return;
        }
        Optional<String> found = field.valueOf(record);
        if (found.isEmpty()) {
            return;
        }
        String value = found.get();
        switch (mode) {
            case INCLUSIVE: {
                int cmp = maxValue == null ? 1 : IncrementalField.compare(value, maxValue);
                if (cmp > 0) {
                    maxValue = value;
                    maxIds = BoundaryIds.empty();
                }
                if (cmp >= 0 && maxIds.add(idKey(record)) && maxIds.size() > idsMax) {
                    throw new TooManyTiesException("more than " + idsMax + " records share the incremental value "
                            + maxValue + " (" + HttpSourceConfig.INCREMENTAL_FIELD_CONFIG + "=" + field + ") within "
                            + "one cycle: the source offset would have to hold all their ids. Raise "
                            + HttpSourceConfig.INCREMENTAL_IDS_MAX_CONFIG + " (at most 10000) or filter on a finer "
                            + "value; nothing is lost, a restarted task resumes from its last committed record");
                }
                break;
            }
            case COMPOSITE: {
                String id = idField == null ? "" : idField.valueOf(record).orElse("");
                if (greaterPair(value, id, maxValue, maxId)) {
                    maxValue = value;
                    maxId = id;
                }
                break;
            }
            default:
                maxValue = IncrementalField.max(maxValue, value);
                break;
        }
    }

    /** The mark this cycle's requests send, as offsets store it. */
    Mark start() {
        switch (mode) {
            case INCLUSIVE:
                return Mark.withIds(startValue, startIdsJson);
            case COMPOSITE:
                return Mark.withId(startValue, startId);
            default:
                return Mark.of(startValue);
        }
    }

    /**
     * The highest mark for the offset of a record of the current page: in inclusive mode with the ids of the
     * earlier pages only (a restart reads the page's skipped records again).
     */
    Mark maxBeforePage() {
        switch (mode) {
            case INCLUSIVE:
                return Mark.withIds(maxValue, Objects.equals(maxValue, pageMaxValue) ? pageMaxIdsJson : null);
            case COMPOSITE:
                return Mark.withId(maxValue, maxId);
            default:
                return Mark.of(maxValue);
        }
    }

    /** The highest mark with everything read so far: the next cycle's start once this cycle is complete. */
    Mark max() {
        switch (mode) {
            case INCLUSIVE:
                return Mark.withIds(maxValue, maxIds.isEmpty() ? null : maxIds.toJson());
            case COMPOSITE:
                return Mark.withId(maxValue, maxId);
            default:
                return Mark.of(maxValue);
        }
    }

    /** What {@code {{incremental}}} renders to in this cycle's requests. */
    String startValue() {
        return startValue;
    }

    /** What {@code {{incremental.id}}} renders to in this cycle's requests. */
    String startId() {
        return startId;
    }

    /** How many ids the cycle's highest value has, in inclusive mode. */
    int maxIdCount() {
        return maxIds.size();
    }

    private String idKey(JsonNode record) {
        if (idField != null) {
            Optional<String> id = idField.valueOf(record);
            if (id.isPresent()) {
                return BoundaryIds.key(id.get());
            }
        }
        return BoundaryIds.digest(record.toString());
    }

    /** (value, id) after (otherValue, otherId), values first; a null other is before everything. */
    private static boolean greaterPair(String value, String id, String otherValue, String otherId) {
        if (otherValue == null) {
            return true;
        }
        int cmp = IncrementalField.compare(value, otherValue);
        if (cmp != 0) {
            return cmp > 0;
        }
        if (otherId == null) {
            return id != null;
        }
        return id != null && IncrementalField.compare(id, otherId) > 0;
    }
}
