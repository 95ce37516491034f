package io.github.schemafirst.connect.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.http.HttpSourceConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private final Secrets secrets = new Secrets(List.of("k3y/with+sp ace", "short"), "api_key");

    @Test
    void masksEverySecretInEachOfItsFormsAndTheKeyParameterByName() {
        assertThat(secrets.mask("raw k3y/with+sp ace, percent k3y%2Fwith%2Bsp%20ace, form k3y%2Fwith%2Bsp+ace"))
                .isEqualTo("raw ****, percent ****, form ****");
        assertThat(secrets.mask("https://a/x?api_key=anything&page=2#f")).isEqualTo("https://a/x?api_key=****&page=2#f");
        assertThat(secrets.mask("https://a/x?page=2&api_key=k")).isEqualTo("https://a/x?page=2&api_key=****");
        // too short to be told from ordinary text: "short" is not masked
        assertThat(secrets.mask("a short text")).isEqualTo("a short text");
        assertThat(secrets.appearsIn("/v1/k3y%2Fwith%2Bsp%20ace/items")).isTrue();
        assertThat(secrets.appearsIn("https://a/x?my_api_key=1")).isFalse();
    }

    @Test
    void stripsTheKeyParameterAndParametersHoldingASecretKeepingTheRestExactly() {
        assertThat(secrets.strip(URI.create("https://a/x?from=10&api_key=whatever&b=%41+c#frag")))
                .isEqualTo(URI.create("https://a/x?from=10&b=%41+c#frag"));
        assertThat(secrets.strip(URI.create("https://a/x?token=k3y%2Fwith%2Bsp+ace&from=10")))
                .isEqualTo(URI.create("https://a/x?from=10"));
        assertThat(secrets.strip(URI.create("https://a/x?token=k3y%2Fwith%2Bsp%20ace")))
                .isEqualTo(URI.create("https://a/x"));
        assertThat(secrets.strip(URI.create("https://a/x?short=short"))).isEqualTo(URI.create("https://a/x?short=short"));
        URI clean = URI.create("https://a/x?from=10");
        assertThat(secrets.strip(clean)).isSameAs(clean);
    }

    @Test
    void tokensFetchedAtRunTimeAreMaskedToo() {
        Secrets none = Secrets.none();
        assertThat(none.mask("?access_token=tok-0123456789")).isEqualTo("?access_token=tok-0123456789");
        none.addToken("tok-0123456789");
        assertThat(none.mask("?access_token=tok-0123456789")).isEqualTo("?access_token=****");
        assertThat(none.strip(URI.create("https://a/x?access_token=tok-0123456789&p=2")))
                .isEqualTo(URI.create("https://a/x?p=2"));
    }

    @Test
    void fromConfigKnowsEveryPasswordKeyAndTheQueryParameterOnlyForAQueryKey() {
        HttpSourceConfig query = new HttpSourceConfig(Map.of("topic", "t", "http.url", "https://a/x",
                "http.auth.type", "api-key", "http.auth.api.key.name", "key", "http.auth.api.key.value", "value-123456",
                "http.auth.api.key.location", "query",
                "http.auth.secret.headers", "X-Second: second-secret, with comma"));
        Secrets fromQuery = Secrets.fromConfig(query);
        assertThat(fromQuery.mask("?key=1&k=value-123456&h=second-secret, with comma"))
                .isEqualTo("?key=****&k=****&h=****");
        HttpSourceConfig header = new HttpSourceConfig(Map.of("topic", "t", "http.url", "https://a/x",
                "http.auth.type", "api-key", "http.auth.api.key.name", "key", "http.auth.api.key.value", "v"));
        assertThat(Secrets.fromConfig(header).mask("?key=1")).isEqualTo("?key=1");
    }
}
