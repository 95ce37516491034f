package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.github.schemafirst.connect.registry.RegistryStub;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;

/** The checks that need no registry (no registry URL is configured in these tests, so none is asked). */
class RegistryPreflightTest {
    private static final String AVRO = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\","
            + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

    private final ConfigProblems problems = new ConfigProblems();

    private Map<String, List<String>> check(Map<String, String> config) {
        RegistryPreflight.check(new Config(new ArrayList<>()), config, problems);
        return problems.asMap();
    }

    private static Map<String, String> base() {
        Map<String, String> config = new HashMap<>();
        config.put("topic", "users");
        config.put("value.schema", AVRO);
        return config;
    }

    private static String userJsonSchema() throws IOException {
        return Files.readString(Paths.get("src/test/resources/schemas/user.schema.json"));
    }

    @Test
    void theDefaultsNeedNothing() {
        assertThat(check(base())).isEmpty();
    }

    @Test
    void connectorModeNeedsARegistryAndTheConfluentConvertersSettings() {
        Map<String, String> config = base();
        config.put("value.schema.registration", "connector");
        config.put("value.converter", "io.confluent.connect.avro.AvroConverter");

        Map<String, List<String>> found = check(config);

        assertThat(found).containsOnlyKeys("value.schema.registry.url", "value.converter.auto.register.schemas",
                "value.converter.use.latest.version");
        assertThat(found.get("value.converter.auto.register.schemas")).singleElement().asString()
                .contains("must be false").contains("value.converter.auto.register.schemas=false");
        assertThat(found.get("value.converter.use.latest.version")).singleElement().asString()
                .contains("value.converter.use.latest.version=true");
    }

    @Test
    void connectorModeWithTheJsonSchemaConverterNeedsTheStrictCheckOff() throws IOException {
        Map<String, String> config = base();
        config.put("value.schema", userJsonSchema());
        config.put("value.schema.registration", "connector");
        config.put("value.schema.registry.url", "http://127.0.0.1:9");
        config.put("value.schema.registry.unreachable", "warn");
        config.put("value.converter", "io.confluent.connect.json.JsonSchemaConverter");
        config.put("value.converter.auto.register.schemas", "false");
        config.put("value.converter.use.latest.version", "true");

        Map<String, List<String>> found = check(config);

        assertThat(found).containsOnlyKeys("value.converter.latest.compatibility.strict");
        assertThat(found.get("value.converter.latest.compatibility.strict")).singleElement().asString()
                .contains("latest.compatibility.strict=false");
    }

    @Test
    void connectorModeWithoutADeclaredSchemaIsRefused() {
        Map<String, String> config = new HashMap<>();
        config.put("topic", "lines");
        config.put("value.schema.registration", "connector");
        config.put("value.schema.registry.url", "http://127.0.0.1:9");

        assertThat(check(config)).containsOnlyKeys("value.schema.registration");
    }

    @Test
    void theJsonSchemaRecipeTrapIsReportedOnTheStrictSetting() throws IOException {
        Map<String, String> config = base();
        config.put("value.schema", userJsonSchema());
        config.put("value.converter", "io.confluent.connect.json.JsonSchemaConverter");
        config.put("value.converter.auto.register.schemas", "false");
        config.put("value.converter.use.latest.version", "true");

        Map<String, List<String>> found = check(config);

        assertThat(found).containsOnlyKeys("value.converter.latest.compatibility.strict");
        assertThat(found.get("value.converter.latest.compatibility.strict")).singleElement().asString()
                .contains("every record would fail").contains("required at /required")
                .contains("exclusiveMinimum at /properties/favorite_number/exclusiveMinimum");

        problems.asMap().clear();
        config.put("value.converter.latest.compatibility.strict", "false");
        assertThat(check(config)).isEmpty();
    }

    @Test
    void aConverterForTheOtherSchemaLanguageIsRefused() throws IOException {
        Map<String, String> config = base();
        config.put("value.schema", userJsonSchema());
        config.put("value.converter", "io.confluent.connect.avro.AvroConverter");

        Map<String, List<String>> found = check(config);

        assertThat(found).containsOnlyKeys("value.converter");
        assertThat(found.get("value.converter")).singleElement().asString()
                .contains("json-schema").contains("io.confluent.connect.json.JsonSchemaConverter");
    }

    @Test
    void anUnknownSubjectNameStrategyIsReportedOnItsKey() {
        Map<String, String> config = base();
        config.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        config.put("value.converter.value.subject.name.strategy", "com.example.MyStrategy");

        assertThat(check(config)).containsOnlyKeys("value.converter.value.subject.name.strategy");
    }

    @Test
    void refusedCredentialsAreReportedOnTheCredentialsKeyWithoutTheSecret() {
        try (RegistryStub registry = new RegistryStub()) {
            registry.answering(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
            Map<String, String> config = base();
            config.put("value.schema.registration", "connector");
            config.put("value.schema.registry.url", registry.url().toString());
            config.put("value.schema.registry.basic.auth.user.info", "me:s3cret-value");

            Map<String, List<String>> found = check(config);

            assertThat(found).containsOnlyKeys("value.schema.registry.basic.auth.user.info");
            assertThat(found.get("value.schema.registry.basic.auth.user.info")).singleElement().asString()
                    .contains("401").doesNotContain("s3cret-value");
        }
    }

    @Test
    void anUnreachableRegistryIsAnErrorUnlessTheUserSaysWarn() {
        Map<String, String> config = base();
        config.put("value.schema.registration", "connector");
        config.put("value.schema.registry.url", "http://127.0.0.1:1");

        assertThat(check(config)).containsOnlyKeys("value.schema.registry.url");

        problems.asMap().clear();
        config.put("value.schema.registry.unreachable", "warn");
        assertThat(check(config)).isEmpty();
    }
}
