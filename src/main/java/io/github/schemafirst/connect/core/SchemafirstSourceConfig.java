package io.github.schemafirst.connect.core;

import io.github.schemafirst.connect.record.InvalidRecordPolicy;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import io.github.schemafirst.connect.registry.RegistryException;
import io.github.schemafirst.connect.registry.SchemaRegistryClient;
import io.github.schemafirst.connect.schema.SchemaType;
import io.github.schemafirst.connect.schema.TemporalMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings every schemafirst source connector shares: where records go, the declared value schema, keys,
 * timestamps and what happens to invalid records. Each connector's config class extends this one and adds its own
 * groups to {@link #commonConfigDef()}.
 */
public abstract class SchemafirstSourceConfig extends AbstractConfig {

    public static final String GROUP_OUTPUT = "Output";
    public static final String GROUP_SCHEMA = "Declared schema";
    public static final String GROUP_ERRORS = "Invalid records";
    public static final String GROUP_REGISTRY = "Schema registry";

    public static final String TOPIC_CONFIG = "topic";
    private static final String TOPIC_DOC = "The Kafka topic records are written to.";

    public static final String VALUE_SCHEMA_CONFIG = "value.schema";
    private static final String VALUE_SCHEMA_DOC = "The value schema as a document, inline: an Avro schema (the "
            + "content of an .avsc file) or a JSON Schema (draft-07 or later). Every record is validated against it "
            + "and mapped to a Connect value of the matching schema. Give one of value.schema, value.schema.file and "
            + "value.schema.subject.";

    public static final String VALUE_SCHEMA_FILE_CONFIG = "value.schema.file";
    private static final String VALUE_SCHEMA_FILE_DOC = "Path, on every worker, to the value schema document (an "
            + "Avro .avsc or a JSON Schema file). Give one of value.schema, value.schema.file and value.schema.subject.";

    public static final String VALUE_SCHEMA_SUBJECT_CONFIG = "value.schema.subject";
    private static final String VALUE_SCHEMA_SUBJECT_DOC = "Take the declared schema from the schema registry: the "
            + "subject holding it (e.g. users-value). Each task fetches the document at start and maps it as if it "
            + "were given inline; the registry is the one of value.schema.registry.url or, when that is empty, of "
            + "value.converter.schema.registry.url. Schemas with references to other subjects are refused. Give one "
            + "of value.schema, value.schema.file and value.schema.subject.";

    public static final String VALUE_SCHEMA_VERSION_CONFIG = "value.schema.version";
    public static final String VALUE_SCHEMA_VERSION_DEFAULT = "latest";
    private static final String VALUE_SCHEMA_VERSION_DOC = "With value.schema.subject: the version to use, a number "
            + "or 'latest' (the latest when each task starts: pin a number so that all tasks map records alike "
            + "during a schema change).";

    public static final String VALUE_SCHEMA_REGISTRATION_CONFIG = "value.schema.registration";
    public static final String VALUE_SCHEMA_REGISTRATION_DEFAULT = SchemaRegistrationMode.CONVERTER.configValue();
    private static final String VALUE_SCHEMA_REGISTRATION_DOC = "Who registers the value schema. 'converter': the "
            + "value converter registers what it derives from the Connect schema (auto.register.schemas=true, its "
            + "default); simple, but a converter drops what Connect schemas cannot carry (see README, Converter "
            + "recipes). 'connector': each task registers the declared document itself, as written, under the "
            + "subject the converter uses (value.converter.value.subject.name.strategy), before its first record, "
            + "unless that exact document is already there; the converter must then serialize with it "
            + "(auto.register.schemas=false, use.latest.version=true and, for JSON Schema, "
            + "latest.compatibility.strict=false: validate() checks this). Needs a registry URL.";

    public static final String REGISTRY_URL_CONFIG = "value.schema.registry.url";
    private static final String REGISTRY_URL_DOC = "The schema registry the connector itself talks to (registration, "
            + "value.schema.subject, the checks validate() makes), several separated by commas. Empty: the one in "
            + "value.converter.schema.registry.url, with that converter's credentials and trust store. Set it when "
            + "the value converter is configured on the worker, or is not Confluent's.";

    public static final String REGISTRY_USER_INFO_CONFIG = "value.schema.registry.basic.auth.user.info";
    private static final String REGISTRY_USER_INFO_DOC = "With value.schema.registry.url: 'user:password' for basic "
            + "authentication (a config provider reference such as ${file:/secrets:sr} keeps it out of the config).";

    public static final String REGISTRY_BEARER_TOKEN_CONFIG = "value.schema.registry.bearer.auth.token";
    private static final String REGISTRY_BEARER_TOKEN_DOC = "With value.schema.registry.url: a static bearer token "
            + "(Authorization: Bearer). Give this or the basic auth user info, not both.";

    public static final String REGISTRY_TRUSTSTORE_LOCATION_CONFIG = "value.schema.registry.ssl.truststore.location";
    private static final String REGISTRY_TRUSTSTORE_LOCATION_DOC = "With value.schema.registry.url: a trust store "
            + "file, on every worker, for an https registry with a private CA. Empty: the JVM's default trust. "
            + "Certificates and host names are always verified.";

    public static final String REGISTRY_TRUSTSTORE_PASSWORD_CONFIG = "value.schema.registry.ssl.truststore.password";
    private static final String REGISTRY_TRUSTSTORE_PASSWORD_DOC = "The trust store's password, if it has one.";

    public static final String REGISTRY_TRUSTSTORE_TYPE_CONFIG = "value.schema.registry.ssl.truststore.type";
    public static final String REGISTRY_TRUSTSTORE_TYPE_DEFAULT = "JKS";
    private static final String REGISTRY_TRUSTSTORE_TYPE_DOC = "The trust store's type: JKS or PKCS12.";

    public static final String REGISTRY_UNREACHABLE_CONFIG = "value.schema.registry.unreachable";
    public static final String REGISTRY_UNREACHABLE_DEFAULT = "fail";
    private static final String REGISTRY_UNREACHABLE_DOC = "What validate() (and so every PUT of the config) does "
            + "when the schema registry cannot be reached: 'fail' reports it on the registry URL key, so nothing is "
            + "deployed that would fail at its first record; 'warn' logs a warning on the worker and accepts the "
            + "config (for deploying before the registry is up). Refused credentials and every other finding are "
            + "errors either way.";

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

    public static final String READ_AHEAD_ENABLED_CONFIG = "read.ahead.enabled";
    public static final boolean READ_AHEAD_ENABLED_DEFAULT = true;
    private static final String READ_AHEAD_ENABLED_DOC = "Whether each task reads (files listed and read, or pages "
            + "fetched, then parsed, validated and mapped) on a thread of its own, starting on its next batch while "
            + "the worker converts and sends the current one; poll() then waits for a read at most about a second, "
            + "whatever the file system or API does. At most one batch (up to batch.max.records records) is read "
            + "ahead; it holds exactly the records and offsets the next poll() would have read, nothing of it is "
            + "acknowledged or committed before the worker takes it, a failure in it fails the task at that poll(), "
            + "and it is dropped unsent when the task stops (its records are read again from the committed "
            + "offsets). Costs one thread per task and memory for one more batch. Off: each batch is read on the "
            + "worker's task thread when the worker asks for it.";

    public static final String HEADERS_SOURCE_ENABLED_CONFIG = "headers.source.enabled";
    public static final boolean HEADERS_SOURCE_ENABLED_DEFAULT = false;
    private static final String HEADERS_SOURCE_ENABLED_DOC = "Whether every record carries headers saying where it "
            + "came from, for lineage: schemafirst.connector (the connector's name), schemafirst.source (the file's "
            + "path below file.path, or the URL of the page, secrets masked), schemafirst.position (users.jsonl:17 "
            + "or <url>#3, as in error messages) and, for files, schemafirst.byte.offset (where the record starts, in "
            + "the decompressed stream of a .gz file). The names are those of the dead-letter headers.";

    private static final Logger log = LoggerFactory.getLogger(SchemafirstSourceConfig.class);
    private static final int REGISTRY_FETCH_ATTEMPTS = 3;

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
        def.define(READ_AHEAD_ENABLED_CONFIG, Type.BOOLEAN, READ_AHEAD_ENABLED_DEFAULT, Importance.LOW,
                READ_AHEAD_ENABLED_DOC, GROUP_OUTPUT, ++order, Width.SHORT, "Read the next batch ahead");
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
        def.define(VALUE_SCHEMA_SUBJECT_CONFIG, Type.STRING, "", Importance.MEDIUM, VALUE_SCHEMA_SUBJECT_DOC,
                GROUP_SCHEMA, ++order, Width.MEDIUM, "Value schema subject");
        def.define(VALUE_SCHEMA_VERSION_CONFIG, Type.STRING, VALUE_SCHEMA_VERSION_DEFAULT, new SchemaVersionValidator(),
                Importance.LOW, VALUE_SCHEMA_VERSION_DOC, GROUP_SCHEMA, ++order, Width.SHORT, "Value schema version");
        EnumSetting registration = EnumSetting.of(SchemaRegistrationMode.CONVERTER.configValue(),
                SchemaRegistrationMode.CONNECTOR.configValue());
        def.define(VALUE_SCHEMA_REGISTRATION_CONFIG, Type.STRING, VALUE_SCHEMA_REGISTRATION_DEFAULT, registration,
                Importance.MEDIUM, VALUE_SCHEMA_REGISTRATION_DOC, GROUP_SCHEMA, ++order, Width.SHORT,
                "Value schema registration", registration);

        order = 0;
        def.define(REGISTRY_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, REGISTRY_URL_DOC,
                GROUP_REGISTRY, ++order, Width.LONG, "Registry URL");
        def.define(REGISTRY_USER_INFO_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, REGISTRY_USER_INFO_DOC,
                GROUP_REGISTRY, ++order, Width.MEDIUM, "Registry basic auth user info");
        def.define(REGISTRY_BEARER_TOKEN_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, REGISTRY_BEARER_TOKEN_DOC,
                GROUP_REGISTRY, ++order, Width.MEDIUM, "Registry bearer token");
        def.define(REGISTRY_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.LOW,
                REGISTRY_TRUSTSTORE_LOCATION_DOC, GROUP_REGISTRY, ++order, Width.LONG, "Registry trust store");
        def.define(REGISTRY_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                REGISTRY_TRUSTSTORE_PASSWORD_DOC, GROUP_REGISTRY, ++order, Width.MEDIUM,
                "Registry trust store password");
        EnumSetting storeTypes = EnumSetting.of("JKS", "PKCS12");
        def.define(REGISTRY_TRUSTSTORE_TYPE_CONFIG, Type.STRING, REGISTRY_TRUSTSTORE_TYPE_DEFAULT, storeTypes,
                Importance.LOW, REGISTRY_TRUSTSTORE_TYPE_DOC, GROUP_REGISTRY, ++order, Width.SHORT,
                "Registry trust store type", storeTypes);
        EnumSetting unreachable = EnumSetting.of("fail", "warn");
        def.define(REGISTRY_UNREACHABLE_CONFIG, Type.STRING, REGISTRY_UNREACHABLE_DEFAULT, unreachable,
                Importance.LOW, REGISTRY_UNREACHABLE_DOC, GROUP_REGISTRY, ++order, Width.SHORT,
                "Unreachable registry in validate()", unreachable);

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

    public boolean readAhead() {
        return getBoolean(READ_AHEAD_ENABLED_CONFIG);
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
     * Reads and translates the declared value schema (I/O and parsing: call once per task, never per record). A
     * schema taken from the registry is fetched with up to {@value #REGISTRY_FETCH_ATTEMPTS} attempts, so that a
     * registry restarting at the same time as the workers does not fail the tasks.
     *
     * @return empty when no schema is declared
     * @throws RuntimeException when the schema cannot be read, fetched or translated; the message says why
     */
    public Optional<DeclaredSchema> loadValueSchema() {
        Map<String, String> raw = originalsStrings();
        DeclaredSchemaSource source = DeclaredSchemaSource.from(raw);
        Supplier<SchemaRegistryClient> registry = () -> RegistrySettings.from(raw)
                .orElseThrow(() -> new IllegalArgumentException("value.schema.subject needs a registry: set "
                        + REGISTRY_URL_CONFIG + " (or value.converter.schema.registry.url)"))
                .client(RegistrySettings.TASK_TIMEOUT);
        for (int attempt = 1; ; attempt++) {
            try {
                return source.load(valueSchemaType(), temporalMapping(), registry);
            } catch (RegistryException e) {
                if (!e.isTransient() || attempt == REGISTRY_FETCH_ATTEMPTS) {
                    throw e;
                }
                log.warn("Fetching the declared schema failed (attempt {} of {}), trying again in {} s: {}", attempt,
                        REGISTRY_FETCH_ATTEMPTS, attempt, e.getMessage());
                try {
                    Thread.sleep(attempt * 1000L);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Who registers the value schema. */
    public SchemaRegistrationMode registrationMode() {
        return SchemaRegistrationMode.fromConfigValue(getString(VALUE_SCHEMA_REGISTRATION_CONFIG));
    }

    protected static Optional<String> nonBlank(String value) {
        return value == null || value.trim().isEmpty() ? Optional.empty() : Optional.of(value.trim());
    }
}
