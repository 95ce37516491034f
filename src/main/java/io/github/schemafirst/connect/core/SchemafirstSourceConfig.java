package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.schema.DeclaredSchemaLoader;
import io.github.schemafirst.connect.schema.SchemaType;
import io.github.schemafirst.connect.schema.TemporalMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The settings every schemafirst source connector shares: where records go, the declared value schema, keys,
 * timestamps and what happens to invalid records. Each connector's config class extends this one and adds its own
 * groups to {@link #commonConfigDef()}.
 */
public abstract class SchemafirstSourceConfig extends AbstractConfig {

    public static final String GROUP_OUTPUT = "Output";
    public static final String GROUP_SCHEMA = "Declared schema";
    public static final String GROUP_ERRORS = "Invalid records";

    public static final String TOPIC_CONFIG = "topic";
    private static final String TOPIC_DOC = "The Kafka topic records are written to.";

    public static final String VALUE_SCHEMA_CONFIG = "value.schema";
    private static final String VALUE_SCHEMA_DOC = "The value schema as a document, inline: an Avro schema (the "
            + "content of an .avsc file) or a JSON Schema (draft-07 or later). Every record is validated against it "
            + "and mapped to a Connect value of the matching schema. Give this or value.schema.file, not both.";

    public static final String VALUE_SCHEMA_FILE_CONFIG = "value.schema.file";
    private static final String VALUE_SCHEMA_FILE_DOC = "Path, on every worker, to the value schema document (an "
            + "Avro .avsc or a JSON Schema file). Give this or value.schema, not both.";

    public static final String VALUE_SCHEMA_TYPE_CONFIG = "value.schema.type";
    private static final String VALUE_SCHEMA_TYPE_DOC = "The language of the declared schema: 'avro' or "
            + "'json-schema'. When absent it is detected from the document's keywords.";

    public static final String VALUE_SCHEMA_JSON_TEMPORAL_CONFIG = "value.schema.json.temporal";
    public static final String VALUE_SCHEMA_JSON_TEMPORAL_DEFAULT = TemporalMapping.LOGICAL.configValue();
    private static final String VALUE_SCHEMA_JSON_TEMPORAL_DOC = "How JSON Schema strings with format date-time, "
            + "date or time map to Connect. 'logical': Connect Timestamp, Date and Time (usable by sinks and "
            + "timestamp.field; JSON Schema converters then write them as integers, not as the strings the document "
            + "declares). 'string': plain strings, still validated as RFC 3339, so the written JSON matches the "
            + "declared document (use this with use.latest.version). No effect on Avro schemas.";

    public static final String KEY_FIELD_CONFIG = "key.field";
    private static final String KEY_FIELD_DOC = "Comma-separated top-level fields of the value that make the record "
            + "key. One field: the key is that field's value, with its schema. Several: the key is a Struct of those "
            + "fields. Empty: the key is null.";

    public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";
    private static final String TIMESTAMP_FIELD_DOC = "A top-level field of the value that gives the record "
            + "timestamp: an int64 of epoch milliseconds, a Timestamp/Date logical type, or an ISO-8601 string. "
            + "A time before 1970-01-01T00:00:00Z makes the record invalid (Kafka timestamps cannot be negative). "
            + "Empty: Kafka sets the timestamp when the record is produced.";

    public static final String INVALID_RECORD_POLICY_CONFIG = "invalid.record.policy";
    public static final String INVALID_RECORD_POLICY_DEFAULT = InvalidRecordPolicy.FAIL.configValue();
    private static final String INVALID_RECORD_POLICY_DOC = "What to do with a record that cannot be decoded or "
            + "fails validation against the declared schema. 'fail' stops the task with a message naming the "
            + "record's source, position, field and reason. 'skip' logs that message and counts the record. "
            + "'dead-letter' writes the original record to invalid.record.topic with headers naming source, "
            + "position and error. Records are never dropped silently.";

    public static final String INVALID_RECORD_TOPIC_CONFIG = "invalid.record.topic";
    private static final String INVALID_RECORD_TOPIC_DOC = "The dead-letter topic for invalid records; required "
            + "when invalid.record.policy=dead-letter.";

    public static final String BATCH_MAX_RECORDS_CONFIG = "batch.max.records";
    public static final int BATCH_MAX_RECORDS_DEFAULT = 2000;
    private static final String BATCH_MAX_RECORDS_DOC = "The most records one poll() hands to the worker.";

    public static final String HEADERS_SOURCE_ENABLED_CONFIG = "headers.source.enabled";
    public static final boolean HEADERS_SOURCE_ENABLED_DEFAULT = false;
    private static final String HEADERS_SOURCE_ENABLED_DOC = "Whether every record carries headers saying where it "
            + "came from, for lineage: schemafirst.connector (the connector's name), schemafirst.source (the file's "
            + "path below file.path, or the URL of the page, secrets masked), schemafirst.position (users.jsonl:17 "
            + "or <url>#3, as in error messages) and, for files, schemafirst.byte.offset (where the record starts, in "
            + "the decompressed stream of a .gz file). The names are those of the dead-letter headers.";

    protected SchemafirstSourceConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
    }

    /** A new ConfigDef holding the shared keys, in their groups; connector configs add their own to it. */
    public static ConfigDef commonConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, TOPIC_DOC, GROUP_OUTPUT, ++order, Width.MEDIUM, "Topic");
        def.define(KEY_FIELD_CONFIG, Type.LIST, "", Importance.MEDIUM, KEY_FIELD_DOC,
                GROUP_OUTPUT, ++order, Width.MEDIUM, "Key fields");
        def.define(TIMESTAMP_FIELD_CONFIG, Type.STRING, "", Importance.LOW, TIMESTAMP_FIELD_DOC,
                GROUP_OUTPUT, ++order, Width.MEDIUM, "Timestamp field");
        def.define(BATCH_MAX_RECORDS_CONFIG, Type.INT, BATCH_MAX_RECORDS_DEFAULT, ConfigDef.Range.between(1, 1_000_000),
                Importance.LOW, BATCH_MAX_RECORDS_DOC, GROUP_OUTPUT, ++order, Width.SHORT, "Max records per poll");
        def.define(HEADERS_SOURCE_ENABLED_CONFIG, Type.BOOLEAN, HEADERS_SOURCE_ENABLED_DEFAULT, Importance.LOW,
                HEADERS_SOURCE_ENABLED_DOC, GROUP_OUTPUT, ++order, Width.SHORT, "Source headers");

        order = 0;
        def.define(VALUE_SCHEMA_CONFIG, Type.STRING, "", Importance.HIGH, VALUE_SCHEMA_DOC,
                GROUP_SCHEMA, ++order, Width.LONG, "Value schema (inline)");
        def.define(VALUE_SCHEMA_FILE_CONFIG, Type.STRING, "", Importance.HIGH, VALUE_SCHEMA_FILE_DOC,
                GROUP_SCHEMA, ++order, Width.LONG, "Value schema file");
        EnumSetting schemaTypes = EnumSetting.optional(SchemaType.AVRO.configValue(), SchemaType.JSON_SCHEMA.configValue());
        def.define(VALUE_SCHEMA_TYPE_CONFIG, Type.STRING, "", schemaTypes, Importance.MEDIUM, VALUE_SCHEMA_TYPE_DOC,
                GROUP_SCHEMA, ++order, Width.SHORT, "Value schema type", schemaTypes);
        EnumSetting temporal = EnumSetting.of(TemporalMapping.LOGICAL.configValue(),
                TemporalMapping.STRING.configValue());
        def.define(VALUE_SCHEMA_JSON_TEMPORAL_CONFIG, Type.STRING, VALUE_SCHEMA_JSON_TEMPORAL_DEFAULT, temporal,
                Importance.LOW, VALUE_SCHEMA_JSON_TEMPORAL_DOC, GROUP_SCHEMA, ++order, Width.SHORT,
                "JSON Schema date/time mapping", temporal);

        order = 0;
        EnumSetting policies = EnumSetting.of(InvalidRecordPolicy.FAIL.configValue(),
                InvalidRecordPolicy.SKIP.configValue(), InvalidRecordPolicy.DEAD_LETTER.configValue());
        def.define(INVALID_RECORD_POLICY_CONFIG, Type.STRING, INVALID_RECORD_POLICY_DEFAULT, policies,
                Importance.MEDIUM, INVALID_RECORD_POLICY_DOC, GROUP_ERRORS, ++order, Width.SHORT,
                "Invalid record policy", policies);
        def.define(INVALID_RECORD_TOPIC_CONFIG, Type.STRING, "", Importance.MEDIUM, INVALID_RECORD_TOPIC_DOC,
                GROUP_ERRORS, ++order, Width.MEDIUM, "Dead-letter topic");
        return def;
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public List<String> keyFields() {
        List<String> fields = new ArrayList<>();
        for (String field : getList(KEY_FIELD_CONFIG)) {
            if (!field.trim().isEmpty()) {
                fields.add(field.trim());
            }
        }
        return Collections.unmodifiableList(fields);
    }

    /** The timestamp field, or empty when Kafka should set the timestamp. */
    public Optional<String> timestampField() {
        return nonBlank(getString(TIMESTAMP_FIELD_CONFIG));
    }

    /** The connector's name (Connect passes {@code name} to the connector and the connector to its tasks). */
    public String connectorName() {
        Object name = originals().get("name");
        return name == null ? "" : name.toString();
    }

    public boolean sourceHeadersEnabled() {
        return getBoolean(HEADERS_SOURCE_ENABLED_CONFIG);
    }

    public int batchMaxRecords() {
        return getInt(BATCH_MAX_RECORDS_CONFIG);
    }

    public InvalidRecordPolicy invalidRecordPolicy() {
        return InvalidRecordPolicy.fromConfigValue(getString(INVALID_RECORD_POLICY_CONFIG));
    }

    public Optional<String> invalidRecordTopic() {
        return nonBlank(getString(INVALID_RECORD_TOPIC_CONFIG));
    }

    /** The declared schema type, or null to detect it from the document. */
    public SchemaType valueSchemaType() {
        return nonBlank(getString(VALUE_SCHEMA_TYPE_CONFIG)).map(SchemaType::fromConfigValue).orElse(null);
    }

    /** How JSON Schema date/time formats map to Connect. */
    public TemporalMapping temporalMapping() {
        return TemporalMapping.fromConfigValue(getString(VALUE_SCHEMA_JSON_TEMPORAL_CONFIG));
    }

    /**
     * Reads and translates the declared value schema (I/O and parsing: call once per task, never per record).
     *
     * @return empty when no schema is declared
     */
    public Optional<DeclaredSchema> loadValueSchema() {
        return DeclaredSchemaLoader.load(getString(VALUE_SCHEMA_CONFIG), getString(VALUE_SCHEMA_FILE_CONFIG),
                valueSchemaType(), temporalMapping());
    }

    protected static Optional<String> nonBlank(String value) {
        return value == null || value.trim().isEmpty() ? Optional.empty() : Optional.of(value.trim());
    }
}
