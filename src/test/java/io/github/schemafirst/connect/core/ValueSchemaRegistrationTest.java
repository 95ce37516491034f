package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.schema.DeclaredSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a task registers itself, by mode, converter settings and dead-letter policy. */
class ValueSchemaRegistrationTest {
    private static final String AVRO = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\","
            + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

    private static SchemafirstSourceConfig config(Map<String, String> props) {
        return new SchemafirstSourceConfig(SchemafirstSourceConfig.commonConfigDef(), props) {
        };
    }

    private static Map<String, String> base() {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "users");
        props.put("value.schema", AVRO);
        return props;
    }

    private static List<ValueSchemaRegistration.Item> plan(Map<String, String> props) {
        SchemafirstSourceConfig config = config(props);
        Optional<DeclaredSchema> declared = config.loadValueSchema();
        return ValueSchemaRegistration.plan(config, declared, RegistrySettings.from(props).isPresent());
    }

    @Test
    void converterModeRegistersNothing() {
        assertThat(plan(base())).isEmpty();
    }

    @Test
    void connectorModeRegistersTheDeclaredDocumentAsWrittenUnderTheConvertersSubject() {
        Map<String, String> props = base();
        props.put("value.schema.registration", "connector");
        assertThat(plan(props)).singleElement().satisfies(item -> {
            assertThat(item.subject).isEqualTo("users-value");
            assertThat(item.document.text()).isEqualTo(AVRO);
            assertThat(item.document.schemaType()).isEqualTo("AVRO");
        });

        props.put("value.converter.value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        assertThat(plan(props)).singleElement()
                .satisfies(item -> assertThat(item.subject).isEqualTo("users-com.example.User"));
    }

    @Test
    void deadLettersGetTheStringSchemaWhenTheConverterDoesNotAutoRegister() {
        Map<String, String> props = base();
        props.put("invalid.record.policy", "dead-letter");
        props.put("invalid.record.topic", "users-dlq");
        props.put("value.converter", "io.confluent.connect.json.JsonSchemaConverter");
        props.put("value.converter.schema.registry.url", "http://registry:8081");
        assertThat(plan(props)).as("auto-registration on: the converter registers it").isEmpty();

        props.put("value.converter.auto.register.schemas", "false");
        assertThat(plan(props)).singleElement().satisfies(item -> {
            assertThat(item.subject).isEqualTo("users-dlq-value");
            assertThat(item.document.text()).isEqualTo(ValueSchemaRegistration.DEAD_LETTER_JSON_SCHEMA);
            assertThat(item.document.schemaType()).isEqualTo("JSON");
        });
    }

    @Test
    void connectorModeRegistersBothTheValueAndTheDeadLetterSchemas() {
        Map<String, String> props = base();
        props.put("value.schema.registration", "connector");
        props.put("invalid.record.policy", "dead-letter");
        props.put("invalid.record.topic", "users-dlq");

        assertThat(plan(props)).extracting(item -> item.subject + " " + item.document.text())
                .containsExactly("users-value " + AVRO, "users-dlq-value \"string\"");
    }
}
