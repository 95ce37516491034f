package io.github.schemafirst.connect.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OriginTest {

    @Test
    void schemeHostAndEffectivePortMakeTheOrigin() {
        assertThat(Origin.of(URI.create("https://API.example.com/x?y=1")))
                .isEqualTo(Origin.of(URI.create("https://api.example.com:443/other")));
        assertThat(Origin.of(URI.create("http://a.example/"))).isEqualTo(Origin.of(URI.create("http://a.example:80")));
        assertThat(Origin.of(URI.create("http://a.example"))).isNotEqualTo(Origin.of(URI.create("https://a.example")));
        assertThat(Origin.of(URI.create("http://127.0.0.1:8080/x")))
                .isNotEqualTo(Origin.of(URI.create("http://127.0.0.1:8081/x")));
        assertThat(Origin.of(URI.create("https://a.example:8443/x"))).hasToString("https://a.example:8443");
        assertThat(Origin.of(URI.create("https://a.example:443/x"))).hasToString("https://a.example");
        assertThat(Origin.of(URI.create("http://[::1]:9/x"))).hasToString("http://[::1]:9");
    }

    @Test
    void onlyAbsoluteHttpUrlsHaveAnOrigin() {
        assertThatThrownBy(() -> Origin.of(URI.create("ftp://a/x"))).hasMessage("expected an http:// or https:// URL");
        assertThatThrownBy(() -> Origin.of(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Origin.of(URI.create("https:///x"))).hasMessage("expected a URL with a host");
    }

    @Test
    void parsesWhatAUserWritesAndNothingMore() {
        assertThat(Origin.parse(" https://cdn.example.com/ ")).hasToString("https://cdn.example.com");
        assertThat(Origin.parse("HTTP://Other.example:8080")).hasToString("http://other.example:8080");
        assertThatThrownBy(() -> Origin.parse("https://cdn.example.com/path"))
                .hasMessageContaining("with more than that");
        assertThatThrownBy(() -> Origin.parse("https://user@cdn.example.com"))
                .hasMessageContaining("with more than that");
        assertThatThrownBy(() -> Origin.parse("https://cdn.example.com?x=1")).hasMessageContaining("more than that");
        assertThatThrownBy(() -> Origin.parse("cdn.example.com")).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> Origin.parse("https://a b")).hasMessageContaining("expected an origin");
    }
}
