package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.github.schemafirst.connect.schema.TemporalMapping;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CommonConfigValidationTest {
    private static final String AVRO = "{\"type\":\"record\",\"name\":\"User\",\"fields\":["
            + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"at\",\"type\":\"long\"}]}";

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    private void add(String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private static Map<String, String> schema(String inline, String file) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("value.schema", inline);
        config.put("value.schema.file", file);
        return config;
    }

    @Test
    void schemaGivenTwiceIsReportedOnBothKeys() {
        assertThat(CommonConfigValidation.schemaGivenAtMostOnce(schema(AVRO, "user.avsc"), this::add)).isFalse();

        assertThat(problems).containsOnlyKeys("value.schema", "value.schema.file");
        assertThat(problems.get("value.schema")).singleElement().asString()
                .startsWith("give the schema once").endsWith("found value.schema and value.schema.file");
    }

    @Test
    void schemaGivenInlineAndAsASubjectIsReportedOnBothKeys() {
        Map<String, String> config = schema(AVRO, "");
        config.put("value.schema.subject", "users-value");

        assertThat(CommonConfigValidation.schemaGivenAtMostOnce(config, this::add)).isFalse();

        assertThat(problems).containsOnlyKeys("value.schema", "value.schema.subject");
    }

    @Test
    void schemaGivenOnceOrNotAtAllPasses() {
        assertThat(CommonConfigValidation.schemaGivenAtMostOnce(schema(AVRO, " "), this::add)).isTrue();
        assertThat(CommonConfigValidation.schemaGivenAtMostOnce(schema(null, null), this::add)).isTrue();
        assertThat(CommonConfigValidation.schemaGivenAtMostOnce(Map.of("value.schema.subject", "s"), this::add))
                .isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void valueSchemaIsTheDeclaredStructOrStringWithoutDeclaration() {
        Optional<Schema> declared = CommonConfigValidation.valueSchema(schema(AVRO, ""), null,
                TemporalMapping.LOGICAL, this::add);
        Optional<Schema> none = CommonConfigValidation.valueSchema(schema("", ""), null, TemporalMapping.LOGICAL,
                this::add);

        assertThat(declared).map(Schema::type).contains(Schema.Type.STRUCT);
        assertThat(none).map(Schema::type).contains(Schema.Type.STRING);
        assertThat(problems).isEmpty();
    }

    @Test
    void aSubjectWithoutARegistryIsReportedOnTheSubject() {
        assertThat(CommonConfigValidation.valueSchema(Map.of("value.schema.subject", "users-value"), null,
                TemporalMapping.LOGICAL, this::add)).isEmpty();

        assertThat(problems).containsOnlyKeys("value.schema.subject");
        assertThat(problems.get("value.schema.subject")).singleElement().asString()
                .contains("value.schema.registry.url");
    }

    @Test
    void anUnreachableRegistryForASubjectIsAnErrorOnItsUrlUnlessTheUserSaysWarn() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("value.schema.subject", "users-value");
        config.put("value.schema.registry.url", "http://127.0.0.1:1");

        assertThat(CommonConfigValidation.valueSchema(config, null, TemporalMapping.LOGICAL, this::add)).isEmpty();
        assertThat(problems).containsOnlyKeys("value.schema.registry.url");
        assertThat(problems.get("value.schema.registry.url")).singleElement().asString()
                .contains("value.schema.registry.unreachable=warn");

        problems.clear();
        config.put("value.schema.registry.unreachable", "warn");
        assertThat(CommonConfigValidation.valueSchema(config, null, TemporalMapping.LOGICAL, this::add)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void unusableSchemaIsReportedOnTheKeyThatHoldsIt() {
        assertThat(CommonConfigValidation.valueSchema(schema("{\"type\":\"record\"", ""), null,
                TemporalMapping.LOGICAL, this::add)).isEmpty();
        assertThat(CommonConfigValidation.valueSchema(schema("", "/no/such/user.avsc"), null,
                TemporalMapping.LOGICAL, this::add)).isEmpty();

        assertThat(problems).containsOnlyKeys("value.schema", "value.schema.file");
        assertThat(problems.get("value.schema.file").get(0))
                .startsWith("the declared schema cannot be used: ").contains("/no/such/user.avsc");
    }

    @Test
    void fieldsMissingFromTheSchemaAreReportedOnTheirKeys() {
        Schema schema = SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).build();

        CommonConfigValidation.checkFields(List.of("name"), Optional.empty(), schema, this::add);
        assertThat(problems).isEmpty();

        CommonConfigValidation.checkFields(List.of("nope"), Optional.of("gone"), schema, this::add);
        assertThat(problems).containsOnlyKeys("key.field", "timestamp.field");
    }

    @Test
    void deadLetterNeedsATopic() {
        CommonConfigValidation.checkDeadLetter("skip", "", this::add);
        CommonConfigValidation.checkDeadLetter("dead-letter", "users-dlq", this::add);
        assertThat(problems).isEmpty();

        CommonConfigValidation.checkDeadLetter(" Dead-Letter ", null, this::add);
        assertThat(problems).containsExactly(
                Map.entry("invalid.record.topic", List.of("required when invalid.record.policy=dead-letter")));
    }
}
