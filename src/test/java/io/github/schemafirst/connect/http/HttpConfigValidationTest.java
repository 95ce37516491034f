package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class HttpConfigValidationTest {

    private static Map<String, List<String>> problems(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return HttpConfigValidation.check(new HttpSourceConfig(props));
    }

    @Test
    void aMinimalConfigIsValid() {
        assertThat(problems("http.url", "https://api.example.com/items")).isEmpty();
    }

    @Test
    void needsExactlyOneWayToNameEndpoints() {
        assertThat(problems()).containsOnlyKeys("http.url");
        assertThat(problems("http.url", "https://a/x", "http.urls", "https://b/y")).containsOnlyKeys("http.urls");
        assertThat(problems("http.url", "https://a/{{value}}")).containsOnlyKeys("http.url");
        assertThat(problems("http.url", "https://a/x", "http.url.values", "a,b")).containsOnlyKeys("http.url.values");
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        assertThat(problems("http.url", "ftp://a/x").get("http.url").get(0))
                .isEqualTo("'ftp://a/x': expected an http:// or https:// URL");
        assertThat(problems("http.url", "https://a/x y").get("http.url").get(0)).contains("malformed");
        assertThat(problems("http.url", "https:///x").get("http.url").get(0)).contains("with a host");
        assertThat(problems("http.urls", "https://a/x,notaurl")).containsOnlyKeys("http.urls");
        assertThat(problems("http.url", "https://a/{{since}}").get("http.url").get(0))
                .contains("unknown placeholder {{since}}");
        // a broken template is reported once, not again as "the incremental value never reaches the server"
        assertThat(problems("http.url", "https://a/{{since}}", "http.incremental.field", "id"))
                .containsOnlyKeys("http.url");
    }

    @Test
    void reportsTheMissingSecretOfTheChosenAuth() {
        assertThat(problems("http.url", "https://a/x", "http.auth.type", "basic", "http.auth.username", "u"))
                .containsOnlyKeys("http.auth.password");
        assertThat(problems("http.url", "https://a/x", "http.auth.type", "bearer")).containsOnlyKeys("http.auth.token");
        assertThat(problems("http.url", "https://a/x", "http.auth.type", "api-key"))
                .containsOnlyKeys("http.auth.api.key.name", "http.auth.api.key.value");
        assertThat(problems("http.url", "https://a/x", "http.auth.type", "oauth2-client-credentials",
                "http.auth.oauth2.token.url", "not a url", "http.auth.oauth2.client.id", "c"))
                .containsOnlyKeys("http.auth.oauth2.token.url", "http.auth.oauth2.client.secret");
    }

    @Test
    void rejectsMalformedPointers() {
        assertThat(problems("http.url", "https://a/x", "http.records.pointer", "data/items"))
                .containsOnlyKeys("http.records.pointer");
    }

    @Test
    void paginationKeysMustMatchThePaginationType() {
        assertThat(problems("http.url", "https://a/x", "http.pagination.type", "cursor"))
                .containsOnlyKeys("http.pagination.cursor.pointer");
        assertThat(problems("http.url", "https://a/x", "http.pagination.type", "next-url"))
                .containsOnlyKeys("http.pagination.next.url.pointer");
        Map<String, List<String>> mixed = problems("http.url", "https://a/x", "http.pagination.type", "page-number",
                "http.pagination.limit", "50", "http.pagination.cursor.pointer", "/next");
        assertThat(mixed).containsOnlyKeys("http.pagination.limit", "http.pagination.cursor.pointer");
        assertThat(mixed.get("http.pagination.limit").get(0))
                .isEqualTo("applies only to http.pagination.type=offset-limit, but it is page-number");
        assertThat(problems("http.url", "https://a/x?c={{cursor}}")).containsOnlyKeys("http.url");
        assertThat(problems("http.url", "https://a/x", "http.pagination.type", "cursor",
                "http.pagination.cursor.pointer", "/next", "http.pagination.cursor.param", ""))
                .containsOnlyKeys("http.pagination.cursor.param");
    }

    @Test
    void incrementalFieldMustReachTheServer() {
        assertThat(problems("http.url", "https://a/x", "http.incremental.field", "id"))
                .containsOnlyKeys("http.incremental.field");
        assertThat(problems("http.url", "https://a/x?since={{incremental}}", "http.incremental.field", "id")).isEmpty();
        assertThat(problems("http.url", "https://a/x", "http.method", "POST", "http.body",
                "{\"since\":\"{{incremental}}\"}", "http.incremental.field", "id")).isEmpty();
        assertThat(problems("http.url", "https://a/x", "http.incremental.initial", "5"))
                .containsOnlyKeys("http.incremental.initial");
    }

    @Test
    void incrementalModesNeedTheirKeys() {
        String since = "https://a/x?since={{incremental}}";
        assertThat(problems("http.url", since, "http.incremental.field", "ts", "http.incremental.mode", "inclusive"))
                .isEmpty();
        assertThat(problems("http.url", since, "http.incremental.field", "ts", "http.incremental.mode", "inclusive",
                "http.incremental.id.field", "/meta/id", "http.incremental.ids.max", "50")).isEmpty();
        assertThat(problems("http.url", since, "http.incremental.mode", "inclusive").get("http.incremental.mode"))
                .containsExactly("inclusive needs http.incremental.field");
        assertThat(problems("http.url", since, "http.incremental.field", "ts", "http.incremental.id.field", "id")
                .get("http.incremental.id.field"))
                .containsExactly("applies only to http.incremental.mode=inclusive or composite, but it is exclusive");
        assertThat(problems("http.url", since, "http.incremental.field", "ts", "http.incremental.ids.max", "5"))
                .containsOnlyKeys("http.incremental.ids.max");

        String pair = "https://a/x?since={{incremental}}&after={{incremental.id}}";
        assertThat(problems("http.url", pair, "http.incremental.field", "ts", "http.incremental.mode", "composite",
                "http.incremental.id.field", "id")).isEmpty();
        assertThat(problems("http.url", pair, "http.incremental.field", "ts", "http.incremental.mode", "composite")
                .get("http.incremental.id.field")).containsExactly("required for http.incremental.mode=composite");
        assertThat(problems("http.url", since, "http.incremental.field", "ts", "http.incremental.mode", "composite",
                "http.incremental.id.field", "id")).containsOnlyKeys("http.incremental.mode");
        assertThat(problems("http.url", pair, "http.incremental.field", "ts").get("http.url"))
                .containsExactly("uses {{incremental.id}}, which needs http.incremental.mode=composite");
        assertThat(problems("http.url", since, "http.method", "POST", "http.body", "{\"after\":\"{{incremental.id}}\"}",
                "http.incremental.field", "ts")).containsOnlyKeys("http.body");
    }

    @Test
    void singleKeyChecksOfTheNewKeysSurfaceThroughValidate() {
        Map<String, String> props = new HashMap<>(Map.of("name", "c", "topic", "t", "http.url", "https://a/x",
                "http.incremental.mode", "sometimes", "http.response.max.bytes", "10", "http.retry.after.max.ms", "-2",
                "http.incremental.ids.max", "20000"));
        Map<String, List<String>> errors = new HttpSourceConnector().validate(props).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors).containsOnlyKeys("http.incremental.mode", "http.response.max.bytes",
                "http.retry.after.max.ms", "http.incremental.ids.max");
    }

    @Test
    void retryAfterCapDefaultsToTheBackoffMaximum() {
        Map<String, String> props = new HashMap<>(Map.of("topic", "t", "http.url", "https://a/x",
                "http.retry.backoff.max.ms", "7000"));
        assertThat(new HttpSourceConfig(props).retryAfterMax()).isEqualTo(java.time.Duration.ofSeconds(7));
        props.put("http.retry.after.max.ms", "2500");
        assertThat(new HttpSourceConfig(props).retryAfterMax()).isEqualTo(java.time.Duration.ofMillis(2500));
    }

    @Test
    void requestChecks() {
        assertThat(problems("http.url", "https://a/x", "http.body", "{}")).containsOnlyKeys("http.body");
        assertThat(problems("http.url", "https://a/x", "http.headers", "oops")).containsOnlyKeys("http.headers");
        assertThat(problems("http.url", "https://a/x", "http.retry.backoff.initial.ms", "5000",
                "http.retry.backoff.max.ms", "1000")).containsOnlyKeys("http.retry.backoff.initial.ms");
        assertThat(problems("http.url", "https://a/x", "http.ssl.truststore.location", "/no/such/file.p12"))
                .containsOnlyKeys("http.ssl.truststore.location");
        assertThat(problems("http.url", "https://a/x", "invalid.record.policy", "dead-letter"))
                .containsOnlyKeys("invalid.record.topic");
    }

    @Test
    void connectorValidateReportsProblemsPerKeyAndMasksSecrets() {
        Map<String, String> props = new HashMap<>(Map.of("http.url", "https://a/x", "http.auth.type", "basic",
                "http.auth.username", "u", "http.pagination.type", "cursor"));
        Config config = new HttpSourceConnector().validate(props);
        Map<String, List<String>> errors = config.configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors).containsOnlyKeys("topic", "http.auth.password", "http.pagination.cursor.pointer");
        assertThat(errors.get("http.auth.password")).containsExactly("required for http.auth.type=basic");
        assertThat(HttpSourceConfig.CONFIG_DEF.configKeys().get("http.auth.password").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void connectorIsExactlyOnceCapable() {
        assertThat(new HttpSourceConnector().exactlyOnceSupport(Map.of()))
                .isEqualTo(org.apache.kafka.connect.source.ExactlyOnceSupport.SUPPORTED);
    }
}
