package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.it.RegistryClient;
import io.github.schemafirst.connect.it.SchemaRegistryProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry checks of validate() against the real registry (Apicurio's Confluent API), called directly: the
 * worker of the ITs cannot load Confluent's converters, whose settings these checks read.
 */
class RegistryPreflightIT {
    private static final String AVRO = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\","
            + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";

    private static SchemaRegistryProcess registry;

    @BeforeAll
    static void registry() {
        registry = SchemaRegistryProcess.shared();
    }

    private static Map<String, List<String>> check(Map<String, String> config) {
        ConfigProblems problems = new ConfigProblems();
        RegistryPreflight.check(new Config(new ArrayList<>()), config, problems);
        return problems.asMap();
    }

    private static Map<String, String> avroConverter(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("topic", topic);
        config.put("value.schema", AVRO);
        config.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        config.put("value.converter.schema.registry.url", registry.ccompatUrl());
        config.put("value.converter.auto.register.schemas", "false");
        config.put("value.converter.use.latest.version", "true");
        return config;
    }

    @Test
    void withoutAutoRegistrationSomethingMustBeRegisteredUnderTheConvertersSubject() {
        String topic = "preflight-" + System.nanoTime();
        Map<String, String> config = avroConverter(topic);

        Map<String, List<String>> found = check(config);

        assertThat(found).containsOnlyKeys("value.converter.auto.register.schemas");
        assertThat(found.get("value.converter.auto.register.schemas")).singleElement().asString()
                .contains("'" + topic + "-value'").contains("value.schema.registration=connector");

        new RegistryClient(registry.ccompatUrl()).register(topic + "-value", "AVRO", AVRO);
        assertThat(check(config)).isEmpty();
    }

    @Test
    void aSchemaUnderAnotherStrategysSubjectIsNamedWithTheStrategyToSet() {
        String topic = "preflight-" + System.nanoTime();
        String namespaced = AVRO.replace("com.example", "com.example.n" + System.nanoTime());
        Map<String, String> config = avroConverter(topic);
        config.put("value.schema", namespaced);
        String recordSubject = namespaced.replaceAll(".*\"namespace\":\"([^\"]+)\".*", "$1") + ".User";
        new RegistryClient(registry.ccompatUrl()).register(recordSubject, "AVRO", namespaced);

        Map<String, List<String>> found = check(config);

        assertThat(found.get("value.converter.auto.register.schemas")).singleElement().asString()
                .contains("'" + recordSubject + "'")
                .contains("value.converter.value.subject.name.strategy="
                        + "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        config.put("value.converter.value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        assertThat(check(config)).isEmpty();
    }

    @Test
    void connectorModeAcceptsADocumentAlreadyRegisteredAndAnyCompatibleOne() {
        String topic = "preflight-" + System.nanoTime();
        RegistryClient client = new RegistryClient(registry.ccompatUrl());
        client.register(topic + "-value", "AVRO", AVRO);
        client.setCompatibility(topic + "-value", "BACKWARD");
        Map<String, String> config = avroConverter(topic);
        config.put("value.schema.registration", "connector");

        assertThat(check(config)).as("registered already").isEmpty();

        config.put("value.schema", AVRO.replace("]}", ",{\"name\":\"age\",\"type\":\"long\",\"default\":0}]}"));
        assertThat(check(config)).as("a field with a default: backward compatible").isEmpty();

        config.put("value.schema", AVRO.replace("]}", ",{\"name\":\"age\",\"type\":\"long\"}]}"));
        Map<String, List<String>> found = check(config);
        assertThat(found).containsOnlyKeys("value.schema");
        assertThat(found.get("value.schema")).singleElement().asString().contains("not compatible")
                .contains("'" + topic + "-value'");
    }
}
