package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConverterSettingsCheckTest {

    @Test
    void soundAvroSettingsHaveNoFindings() {
        assertThat(ConverterSettingsCheck.check(Map.of(
                "value.converter", "io.confluent.connect.avro.AvroConverter",
                "value.converter.schema.registry.url", "http://sr:8081,https://sr2:8081",
                "value.converter.auto.register.schemas", "false",
                "value.converter.use.latest.version", "true"))).isEmpty();
    }

    @Test
    void useLatestVersionWithAutoRegisterDefaultIsReportedOnUseLatestVersion() {
        Map<String, List<String>> problems = ConverterSettingsCheck.check(Map.of(
                "value.converter", "io.confluent.connect.json.JsonSchemaConverter",
                "value.converter.use.latest.version", "true"));
        assertThat(problems).containsOnlyKeys("value.converter.use.latest.version");
        assertThat(problems.get("value.converter.use.latest.version").get(0))
                .contains("unset (it defaults to true)")
                .contains("Set value.converter.auto.register.schemas=false");
    }

    @Test
    void useLatestVersionWithExplicitAutoRegisterTrueIsReported() {
        Map<String, List<String>> problems = ConverterSettingsCheck.check(Map.of(
                "value.converter", "io.confluent.connect.avro.AvroConverter",
                "value.converter.auto.register.schemas", "true",
                "value.converter.use.latest.version", "true"));
        assertThat(problems.get("value.converter.use.latest.version").get(0))
                .contains("value.converter.auto.register.schemas is true");
    }

    @Test
    void converterSettingsWithoutTheConverterAreReported() {
        Map<String, List<String>> problems = ConverterSettingsCheck.check(Map.of(
                "value.converter.schema.registry.url", "http://sr:8081",
                "value.converter.auto.register.schemas", "false"));
        assertThat(problems).containsOnlyKeys("value.converter.auto.register.schemas");
        assertThat(problems.get("value.converter.auto.register.schemas").get(0))
                .startsWith("value.converter.* settings only apply when value.converter is set on this connector");
    }

    @Test
    void registryUrlThatIsNotAUrlIsReported() {
        Map<String, List<String>> problems = ConverterSettingsCheck.check(Map.of(
                "value.converter", "io.confluent.connect.avro.AvroConverter",
                "value.converter.schema.registry.url", "sr:8081"));
        assertThat(problems.get("value.converter.schema.registry.url").get(0))
                .startsWith("'sr:8081' is not a schema registry URL: it must start with http:// or https://");
    }

    @Test
    void keyConverterIsCheckedToo() {
        assertThat(ConverterSettingsCheck.check(Map.of(
                "key.converter", "io.confluent.connect.avro.AvroConverter",
                "key.converter.schema.registry.url", "localhost"))).containsOnlyKeys("key.converter.schema.registry.url");
    }

    @Test
    void findingsAreAddedToTheValidateResultOnTheirKey() {
        Config base = new Config(List.of(new ConfigValue("topic", "users", List.of(), List.of())));
        Config result = ConverterSettingsCheck.addTo(base, Map.of(
                "topic", "users",
                "value.converter", "io.confluent.connect.avro.AvroConverter",
                "value.converter.use.latest.version", "true"));
        assertThat(result.configValues()).extracting(ConfigValue::name)
                .containsExactly("topic", "value.converter.use.latest.version");
        assertThat(result.configValues().get(1).errorMessages()).hasSize(1);
        assertThat(result.configValues().get(0).errorMessages()).isEmpty();
    }
}
