package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.record.KeyExtractor;
import io.github.schemafirst.connect.record.Position;
import io.github.schemafirst.connect.record.RawRecord;
import io.github.schemafirst.connect.record.RecordDecoder;
import io.github.schemafirst.connect.record.RecordMapper;
import io.github.schemafirst.connect.record.RecordMappers;
import io.github.schemafirst.connect.record.TimestampExtractor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw record in, {@link SourceRecord} out: decode, validate and map under the declared schema, extract key and
 * timestamp, and apply the invalid-record policy. Shared by every connector; only the caller knows what the source
 * partition and offset mean.
 */
public final class RecordPipeline {
    private static final Logger log = LoggerFactory.getLogger(RecordPipeline.class);

    public static final String HEADER_SOURCE = "schemafirst.source";
    public static final String HEADER_POSITION = "schemafirst.position";
    public static final String HEADER_FIELD = "schemafirst.error.field";
    public static final String HEADER_ERROR = "schemafirst.error";
    public static final String HEADER_CONNECTOR = "schemafirst.connector";
    public static final String HEADER_BYTE_OFFSET = "schemafirst.byte.offset";

    /** Invalid records logged one by one before the rest are counted into summaries. */
    static final int INVALID_LOGGED_SINGLY = 5;
    /** How often a summary of the invalid records not logged one by one is written. */
    static final long SUMMARY_INTERVAL_MILLIS = 60_000;

    private final String topic;
    private final RecordMapper mapper;
    private final KeyExtractor keys;
    private final TimestampExtractor timestamps;
    private final InvalidRecordPolicy policy;
    private final String deadLetterTopic;
    /** The connector's name for source headers; null when they are off. */
    private final String sourceHeadersConnector;
    private long skipped;
    private long deadLettered;
    /** Invalid records since the last log line about them, and the last one's message. */
    private long unlogged;
    private String lastUnlogged;
    private long lastSummaryMillis;
    private TaskMetrics metrics;

    public RecordPipeline(String topic, RecordMapper mapper, KeyExtractor keys,
                          TimestampExtractor timestamps, InvalidRecordPolicy policy, String deadLetterTopic) {
        this(topic, mapper, keys, timestamps, policy, deadLetterTopic, null);
    }

    /** @param sourceHeadersConnector the connector's name when every record carries source headers, else null */
    public RecordPipeline(String topic, RecordMapper mapper, KeyExtractor keys, TimestampExtractor timestamps,
                          InvalidRecordPolicy policy, String deadLetterTopic, String sourceHeadersConnector) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (policy == InvalidRecordPolicy.DEAD_LETTER && (deadLetterTopic == null || deadLetterTopic.isEmpty())) {
            throw new IllegalArgumentException("invalid.record.policy=dead-letter needs invalid.record.topic");
        }
        this.deadLetterTopic = deadLetterTopic;
        this.sourceHeadersConnector = sourceHeadersConnector;
    }

    /**
     * Builds the pipeline a task needs from its config and its declared schema (once per task, never per record).
     *
     * @throws IllegalArgumentException when key or timestamp fields do not fit the schema
     */
    public static RecordPipeline create(SchemafirstSourceConfig config, Optional<DeclaredSchema> schema) {
        RecordMapper mapper = RecordMappers.forSchema(schema);
        return new RecordPipeline(config.topic(), mapper,
                KeyExtractor.forFields(config.keyFields(), mapper.valueSchema()),
                TimestampExtractor.forField(config.timestampField(), mapper.valueSchema()),
                config.invalidRecordPolicy(), config.invalidRecordTopic().orElse(null),
                config.sourceHeadersEnabled() ? config.connectorName() : null);
    }

    /** Where records read and invalid records are counted (the task's metrics); none by default. */
    public void countInto(TaskMetrics taskMetrics) {
        this.metrics = taskMetrics;
    }

    /**
     * @param decoder   how to read this record's bytes (JSON, a CSV row with its file's header, a line of text)
     * @param partition the Connect source partition the record belongs to
     * @param offset    the source offset to commit once this record is written
     * @return the record to hand to the worker (the mapped record, or a dead letter), or null when the record is
     *     skipped under {@code invalid.record.policy=skip}
     * @throws InvalidRecordFailure when the record is invalid under {@code invalid.record.policy=fail}
     */
    public SourceRecord toSourceRecord(RawRecord raw, RecordDecoder decoder, Map<String, ?> partition,
                                       Map<String, ?> offset) {
        Object value;
        Long timestamp;
        if (metrics != null) {
            metrics.recordRead(raw.bytes().length);
        }
        try {
            InvalidRecordException rejected = raw.rejection();
            if (rejected != null) {
                throw rejected;
            }
            value = mapper.map(decoder.decode(raw), raw.position());
            timestamp = timestamps.timestamp(value, raw.position());
        } catch (InvalidRecordException e) {
            return invalid(raw, e, partition, offset);
        }
        ConnectHeaders headers = sourceHeadersConnector == null ? null : sourceHeaders(raw.position());
        return new SourceRecord(partition, offset, topic, null, keys.keySchema(), keys.key(value),
                mapper.valueSchema(), value, timestamp, headers);
    }

    private ConnectHeaders sourceHeaders(Position position) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_CONNECTOR, sourceHeadersConnector);
        headers.addString(HEADER_SOURCE, position.source());
        headers.addString(HEADER_POSITION, position.toString());
        if (position.byteOffset() >= 0) {
            headers.addLong(HEADER_BYTE_OFFSET, position.byteOffset());
        }
        return headers;
    }

    private SourceRecord invalid(RawRecord raw, InvalidRecordException error, Map<String, ?> partition,
                                 Map<String, ?> offset) {
        switch (policy) {
            case SKIP:
                skipped++;
                if (metrics != null) {
                    metrics.skipped();
                }
                if (skipped + deadLettered <= INVALID_LOGGED_SINGLY) {
                    log.warn("Skipping invalid record (invalid.record.policy=skip, {} skipped so far): {}", skipped,
                            error.getMessage());
                } else {
                    countUnlogged(error);
                }
                return null;
            case DEAD_LETTER:
                deadLettered++;
                if (metrics != null) {
                    metrics.deadLettered();
                }
                if (skipped + deadLettered <= INVALID_LOGGED_SINGLY) {
                    log.warn("Sending invalid record to dead-letter topic {} ({} so far): {}", deadLetterTopic,
                            deadLettered, error.getMessage());
                } else {
                    countUnlogged(error);
                }
                return deadLetter(raw, error, partition, offset);
            case FAIL:
            default:
                if (metrics != null) {
                    metrics.failed();
                }
                throw new InvalidRecordFailure(error);
        }
    }

    /** After the first few, invalid records are counted, not logged one by one: a bad file must not flood a log. */
    private void countUnlogged(InvalidRecordException error) {
        if (unlogged == 0 && lastSummaryMillis == 0) {
            log.warn("More invalid records: from now on they are counted and summarised every {} s",
                    SUMMARY_INTERVAL_MILLIS / 1000);
            lastSummaryMillis = System.currentTimeMillis();
        }
        unlogged++;
        lastUnlogged = error.getMessage();
    }

    /**
     * Logs how many invalid records went unlogged since the last summary, at most every
     * {@value #SUMMARY_INTERVAL_MILLIS} ms; tasks call it on every poll so a summary is not held back until the next
     * invalid record.
     */
    public void logInvalidRecordSummary() {
        String summary = invalidRecordSummary(System.currentTimeMillis());
        if (summary != null) {
            log.warn(summary);
        }
    }

    /** The summary due at {@code nowMillis}, or null when none is (nothing unlogged, or the last one is recent). */
    String invalidRecordSummary(long nowMillis) {
        if (unlogged == 0 || nowMillis - lastSummaryMillis < SUMMARY_INTERVAL_MILLIS) {
            return null;
        }
        String summary = unlogged + " more invalid record(s) " + (policy == InvalidRecordPolicy.SKIP ? "skipped"
                : "sent to " + deadLetterTopic) + " in the last " + (nowMillis - lastSummaryMillis) / 1000 + " s ("
                + skipped + " skipped, " + deadLettered + " dead-lettered since the task started); the last: "
                + lastUnlogged;
        unlogged = 0;
        lastUnlogged = null;
        lastSummaryMillis = nowMillis;
        return summary;
    }

    /**
     * The original record, unchanged: as a STRING value when its bytes are valid UTF-8 (what every converter
     * renders readably), otherwise as BYTES. Headers say where it came from and why it was rejected.
     */
    private SourceRecord deadLetter(RawRecord raw, InvalidRecordException error, Map<String, ?> partition,
                                    Map<String, ?> offset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_SOURCE, error.position().source());
        headers.addString(HEADER_POSITION, error.position().toString());
        headers.addString(HEADER_FIELD, error.fieldPath());
        headers.addString(HEADER_ERROR, error.getMessage());
        String text = validUtf8OrNull(raw);
        Schema schema = text != null ? Schema.STRING_SCHEMA : Schema.BYTES_SCHEMA;
        Object value = text != null ? text : raw.bytes();
        return new SourceRecord(partition, offset, deadLetterTopic, null, null, null, schema, value, null, headers);
    }

    private static String validUtf8OrNull(RawRecord raw) {
        try {
            return raw.utf8Text();
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    /** Records skipped under {@code invalid.record.policy=skip} since the task started. */
    public long skippedCount() {
        return skipped;
    }

    /** Records sent to the dead-letter topic since the task started. */
    public long deadLetteredCount() {
        return deadLettered;
    }

    public Schema valueSchema() {
        return mapper.valueSchema();
    }

    public Schema keySchema() {
        return keys.keySchema();
    }
}
