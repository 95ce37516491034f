package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The validate() checks of the security keys and of JSON Pointers, each reported on the key to change. */
class HttpSecurityConfigTest {

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("topic", "t");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static Map<String, List<String>> problems(String... keyValues) {
        return HttpConfigValidation.check(new HttpSourceConfig(props(keyValues)));
    }

    /** What the worker's validate endpoint shows: ConfigDef errors and cross-key problems, per key. */
    private static Map<String, List<String>> validate(String... keyValues) {
        return new HttpSourceConnector().validate(props(keyValues)).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void jsonPointersRefuseEscapesOtherThanTilde0AndTilde1() {
        assertThat(validate("http.url", "https://a/x", "http.records.pointer", "/data/~2"))
                .containsOnlyKeys("http.records.pointer");
        assertThat(problems("http.url", "https://a/x", "http.records.pointer", "/data/~2").get("http.records.pointer"))
                .containsExactly("expected a JSON Pointer such as /data/items (RFC 6901), got '/data/~2': '~' at "
                        + "index 6 must be followed by 0 (for '~') or 1 (for '/')");
        assertThat(problems("http.url", "https://a/x", "http.records.pointer", "/data/a~")).containsOnlyKeys(
                "http.records.pointer");
        assertThat(problems("http.url", "https://a/x", "http.pagination.type", "cursor",
                "http.pagination.cursor.pointer", "/meta/~x")).containsOnlyKeys("http.pagination.cursor.pointer");
        assertThat(problems("http.url", "https://a/x", "http.pagination.type", "next-url",
                "http.pagination.next.url.pointer", "/links/~")).containsOnlyKeys("http.pagination.next.url.pointer");
        assertThat(problems("http.url", "https://a/x?since={{incremental}}", "http.incremental.field", "/a/~3"))
                .containsOnlyKeys("http.incremental.field");
        // valid escapes, and a field name (not a pointer) may contain '~'
        assertThat(problems("http.url", "https://a/x?since={{incremental}}", "http.records.pointer", "/a~1b/~0c",
                "http.incremental.field", "odd~name")).isEmpty();
        assertThat(problems("http.url", "https://a/x", "http.records.pointer", "")).isEmpty();
    }
}
