package io.github.schemafirst.connect.registry;

/**
 * Confluent's subject name strategies: which subject a topic's key or value schema is registered under, as set by
 * the serializer settings {@code key.subject.name.strategy} and {@code value.subject.name.strategy}.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} or {@code <topic>-value}: the default; one schema lineage per topic. */
    TOPIC("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
    /** {@code <record name>}: one lineage per record type, shared by every topic that carries it. */
    RECORD("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
    /** {@code <topic>-<record name>}: one lineage per record type per topic. */
    TOPIC_RECORD("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    private final String configValue;

    SubjectNameStrategy(String configValue) {
        this.configValue = configValue;
    }

    /**
     * The strategy a serializer setting names: one of Confluent's three class names; null or blank means
     * {@link #TOPIC}, as in Confluent's serializers.
     *
     * @throws IllegalArgumentException for any other value, listing the accepted ones
     */
    public static SubjectNameStrategy fromConfig(String value) {
        if (value == null || value.isBlank()) {
            return TOPIC;
        }
        String trimmed = value.trim();
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.configValue.equals(trimmed)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown subject name strategy '" + trimmed + "': use one of "
                + TOPIC.configValue + ", " + RECORD.configValue + ", " + TOPIC_RECORD.configValue);
    }

    /** The Confluent class name, as written in converter and serializer settings. */
    public String configValue() {
        return configValue;
    }

    /** Whether the subject depends on the schema's record name (so the schema must have one). */
    public boolean needsRecordName() {
        return this != TOPIC;
    }

    /**
     * The subject for a topic's key or value schema.
     *
     * @param recordName the schema's record name ({@link #recordName(SchemaDocument)}); ignored by {@link #TOPIC}
     * @throws IllegalArgumentException when this strategy needs a record name and it is null or empty, with the
     *                                  same meaning as the serializer's error ("must only be a record schema")
     */
    public String subject(String topic, boolean isKey, String recordName) {
        if (this == TOPIC) {
            return topic + (isKey ? "-key" : "-value");
        }
        if (recordName == null || recordName.isEmpty()) {
            String setting = isKey ? "key.subject.name.strategy" : "value.subject.name.strategy";
            throw new IllegalArgumentException("with " + setting + "=" + configValue + " the "
                    + (isKey ? "key" : "value") + " schema must be a record schema with a name (an Avro record,"
                    + " or a JSON Schema with a \"title\"), as Confluent's serializers require");
        }
        return this == RECORD ? recordName : topic + "-" + recordName;
    }

    /** The subject for a topic's key or value schema; reads the record name from the document only when needed. */
    public String subjectFor(String topic, boolean isKey, SchemaDocument document) {
        return subject(topic, isKey, needsRecordName() ? recordName(document) : null);
    }

    /**
     * The name Confluent's {@code RecordNameStrategy} gives a schema ({@code ParsedSchema.name()}): for Avro the
     * full name of a record at the root (null for any other root type: enum, fixed, union, primitive); for JSON
     * Schema the root's {@code title} (null without one: Confluent gives no default).
     *
     * @return the name, or null when the document has none
     * @throws IllegalArgumentException when the document cannot be parsed, or is Protobuf
     */
    public static String recordName(SchemaDocument document) {
        return RecordName.of(document);
    }
}
