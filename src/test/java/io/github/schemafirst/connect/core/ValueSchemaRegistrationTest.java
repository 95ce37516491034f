package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.registry.RegistryStub;
import io.github.schemafirst.connect.schema.DeclaredSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
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

    /** Starts the registration against {@code registry} and waits (bounded) until it is done or fails. */
    private static boolean registerWith(RegistryStub registry) throws InterruptedException {
        Map<String, String> props = base();
        props.put("value.schema.registration", "connector");
        props.put("value.schema.registry.url", registry.url().toString());
        SchemafirstSourceConfig config = config(props);
        try (ValueSchemaRegistration registration = ValueSchemaRegistration.start(config, config.loadValueSchema(),
                "test")) {
            for (int polls = 0; polls < 60; polls++) {
                if (registration.awaitDone(Duration.ofMillis(500))) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void aDocumentAlreadyThereIsNotRegisteredAgain() throws InterruptedException {
        try (RegistryStub registry = new RegistryStub()) {
            registry.answering(200, "{\"subject\":\"users-value\",\"id\":5,\"version\":1,\"schema\":\"x\"}");

            assertThat(registerWith(registry)).isTrue();

            assertThat(registry.requests()).singleElement().satisfies(r -> {
                assertThat(r.method + " " + r.rawPath).endsWith("/subjects/users-value");
                assertThat(r.body).contains("com.example");
            });
        }
    }

    @Test
    void aRegistryThatIsDownIsAskedAgainUntilItAnswers() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        try (RegistryStub registry = new RegistryStub()) {
            registry.answering((exchange, request) -> {
                int call = calls.incrementAndGet();
                if (call == 1) {
                    RegistryStub.send(exchange, 503, "{\"error_code\":50301,\"message\":\"starting\"}");
                } else if (request.rawPath.endsWith("/versions")) {
                    RegistryStub.send(exchange, 200, "{\"id\":9}");
                } else {
                    RegistryStub.send(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
                }
            });

            assertThat(registerWith(registry)).isTrue();

            assertThat(registry.requests()).extracting(r -> r.method + " " + r.rawPath.replaceAll(".*/subjects", ""))
                    .containsExactly("POST /users-value", "POST /users-value", "POST /users-value/versions");
        }
    }

    @Test
    void aRefusalFailsTheTaskWithTheRegistrysMessage() {
        try (RegistryStub registry = new RegistryStub()) {
            registry.answering((exchange, request) -> {
                if (request.rawPath.endsWith("/versions")) {
                    RegistryStub.send(exchange, 409, "{\"error_code\":409,\"message\":\"Schema being registered is "
                            + "incompatible with an earlier schema\"}");
                } else {
                    RegistryStub.send(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                }
            });

            assertThatThrownBy(() -> registerWith(registry)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("the declared value schema").hasMessageContaining("'users-value'")
                    .hasMessageContaining("incompatible with an earlier schema");
        }
    }
}
