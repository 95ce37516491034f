package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.record.InvalidRecordException;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.record.KeyExtractor;
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

    private final String topic;
    private final RecordMapper mapper;
    private final KeyExtractor keys;
    private final TimestampExtractor timestamps;
    private final InvalidRecordPolicy policy;
    private final String deadLetterTopic;
    private long skipped;
    private long deadLettered;
    private TaskMetrics metrics;

    public RecordPipeline(String topic, RecordMapper mapper, KeyExtractor keys,
                          TimestampExtractor timestamps, InvalidRecordPolicy policy, String deadLetterTopic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (policy == InvalidRecordPolicy.DEAD_LETTER && (deadLetterTopic == null || deadLetterTopic.isEmpty())) {
            throw new IllegalArgumentException("invalid.record.policy=dead-letter needs invalid.record.topic");
        }
        this.deadLetterTopic = deadLetterTopic;
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
                config.invalidRecordPolicy(), config.invalidRecordTopic().orElse(null));
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
        return new SourceRecord(partition, offset, topic, null, keys.keySchema(), keys.key(value),
                mapper.valueSchema(), value, timestamp);
    }

    private SourceRecord invalid(RawRecord raw, InvalidRecordException error, Map<String, ?> partition,
                                 Map<String, ?> offset) {
        switch (policy) {
            case SKIP:
                skipped++;
                if (metrics != null) {
                    metrics.skipped();
                }
                log.warn("Skipping invalid record (invalid.record.policy=skip, {} skipped so far): {}", skipped,
                        error.getMessage());
                return null;
            case DEAD_LETTER:
                deadLettered++;
                if (metrics != null) {
                    metrics.deadLettered();
                }
                log.warn("Sending invalid record to dead-letter topic {} ({} so far): {}", deadLetterTopic,
                        deadLettered, error.getMessage());
                return deadLetter(raw, error, partition, offset);
            case FAIL:
            default:
                if (metrics != null) {
                    metrics.failed();
                }
                throw new InvalidRecordFailure(error);
        }
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
