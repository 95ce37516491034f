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

    @Test
    void allowedOriginsAreBareOriginsAndHttpOnesCannotBeReachedFromHttps() {
        assertThat(validate("http.url", "https://a/x", "http.allowed.origins",
                "https://cdn.example.com, https://other.example:8443/")).isEmpty();
        assertThat(problems("http.url", "https://a/x", "http.allowed.origins", "https://cdn.example.com/files")
                .get("http.allowed.origins")).singleElement().asString().contains("with more than that");
        assertThat(problems("http.url", "https://a/x", "http.allowed.origins", "cdn.example.com"))
                .containsOnlyKeys("http.allowed.origins");
        assertThat(problems("http.url", "https://a/x", "http.allowed.origins", "http://cdn.example.com")
                .get("http.allowed.origins")).singleElement().asString().contains("from https to http");
        assertThat(problems("http.url", "http://a/x", "http.allowed.origins", "http://cdn.example.com")).isEmpty();
    }

    @Test
    void anHttpTokenUrlNeedsTheOptIn() {
        String[] oauth = {"http.url", "https://a/x", "http.auth.type", "oauth2-client-credentials",
                "http.auth.oauth2.client.id", "c", "http.auth.oauth2.client.secret", "s",
                "http.auth.oauth2.token.url", "http://auth.example.com/token"};
        assertThat(validate(oauth).get("http.auth.oauth2.token.url")).containsExactly("an http:// token URL sends "
                + "the client secret unencrypted: use https://, or set http.auth.oauth2.token.url.allow.http=true");
        String[] optIn = java.util.Arrays.copyOf(oauth, oauth.length + 2);
        optIn[oauth.length] = "http.auth.oauth2.token.url.allow.http";
        optIn[oauth.length + 1] = "true";
        assertThat(validate(optIn)).isEmpty();
    }

    @Test
    void secretHeadersAreCheckedWithoutShowingTheirValues() {
        assertThat(validate("http.url", "https://a/x", "http.auth.secret.headers", "X-Second: v2, X-Third: v3"))
                .isEmpty();
        Map<String, List<String>> noName = validate("http.url", "https://a/x", "http.auth.secret.headers",
                "the-secret-itself");
        assertThat(noName).containsOnlyKeys("http.auth.secret.headers");
        assertThat(noName.toString()).doesNotContain("the-secret-itself");
        assertThat(problems("http.url", "https://a/x", "http.auth.secret.headers", "X-Empty:"))
                .containsOnlyKeys("http.auth.secret.headers");
        assertThat(HttpSourceConfig.CONFIG_DEF.configKeys().get("http.auth.secret.headers").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void credentialsDoNotBelongInPlainHeaders() {
        assertThat(problems("http.url", "https://a/x", "http.headers", "Accept: a, b, authorization: Token abc")
                .get("http.headers")).singleElement().asString()
                .startsWith("'authorization' carries credentials").contains("http.auth.secret.headers");
        assertThat(problems("http.url", "https://a/x", "http.headers", "Cookie: session=1"))
                .containsOnlyKeys("http.headers");
        assertThat(problems("http.url", "https://a/x", "http.headers", "X-Client: c")).isEmpty();
    }

    @Test
    void theEndpointOriginMayNotComeFromAPlaceholder() {
        assertThat(problems("http.url", "https://{{incremental}}.example.com/x", "http.incremental.field", "id")
                .get("http.url")).singleElement().asString()
                .contains("must not be part of the scheme, host or port");
        assertThat(problems("http.urls", "https://a.example:{{cursor}}/x")).containsOnlyKeys("http.urls");
        // {{value}} is configuration: each value is an endpoint of its own, with its own origin
        assertThat(problems("http.url", "https://{{value}}.example.com/x", "http.url.values", "eu,us")).isEmpty();
    }

    @Test
    void anEndpointUrlMustNotHoldASecret() {
        assertThat(problems("http.url", "https://a/x?api_key=abc", "http.auth.type", "api-key",
                "http.auth.api.key.name", "api_key", "http.auth.api.key.value", "abc", "http.auth.api.key.location",
                "query").get("http.url")).singleElement().asString().startsWith("holds a secret of this connector");
        assertThat(problems("http.urls", "https://a/x,https://b/token-value-123/items", "http.auth.type", "bearer",
                "http.auth.token", "token-value-123")).containsOnlyKeys("http.urls");
        assertThat(problems("http.url", "https://a/x?api_key=abc", "http.auth.type", "api-key",
                "http.auth.api.key.name", "X-Api-Key", "http.auth.api.key.value", "short")).isEmpty();
    }
}
