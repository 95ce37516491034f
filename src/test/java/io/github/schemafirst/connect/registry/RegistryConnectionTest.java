package io.github.schemafirst.connect.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryConnectionTest {
    private static final List<URI> URLS = List.of(URI.create("http://a:8081/"),
            URI.create("https://b:8443/apis/ccompat/v7/"));

    @Test
    void baseUrlsLoseTheirTrailingSlash() {
        assertThat(RegistryConnection.of(URLS, null, null, null).baseUrls())
                .containsExactly(URI.create("http://a:8081"), URI.create("https://b:8443/apis/ccompat/v7"));
    }

    @Test
    void toStringShowsUserButNeitherPasswordNorToken() {
        RegistryConnection basic = RegistryConnection.of(URLS, "alice:s3cret-pw", null, null);
        assertThat(basic.toString()).contains("alice").doesNotContain("s3cret-pw")
                .doesNotContain("YWxpY2U6czNjcmV0LXB3"); // base64 of alice:s3cret-pw
        assertThat(basic.hasBasicAuth()).isTrue();
        RegistryConnection bearer = RegistryConnection.of(URLS, null, "tok-123456", null);
        assertThat(bearer.toString()).contains("bearer token").doesNotContain("tok-123456");
        assertThat(bearer.hasBearerToken()).isTrue();
        assertThat(RegistryConnection.of(URLS, "", "", null).toString()).contains("no credentials");
    }

    @Test
    void basicAndBearerTogetherAreRefused() {
        assertThatThrownBy(() -> RegistryConnection.of(URLS, "alice:pw", "token", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either basic auth user info or a bearer token, not both");
    }

    @Test
    void userInfoWithoutColonIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> RegistryConnection.of(URLS, "just-a-secret", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user:password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("just-a-secret"));
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> RegistryConnection.of(List.of(URI.create("http://alice:pw-in-url@a:8081")),
                null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://a:8081")
                .hasMessageContaining("basic auth user info instead")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-in-url"));
    }

    @Test
    void onlyAbsoluteHttpUrlsWithoutQueryAreAccepted() {
        assertThatThrownBy(() -> RegistryConnection.of(List.of(URI.create("registry:8081")), null, null, null))
                .hasMessageContaining("not an absolute http:// or https:// URL");
        assertThatThrownBy(() -> RegistryConnection.of(List.of(URI.create("ftp://a/")), null, null, null))
                .hasMessageContaining("not an absolute http:// or https:// URL");
        assertThatThrownBy(() -> RegistryConnection.of(List.of(URI.create("http://a/?x=1")), null, null, null))
                .hasMessageContaining("query or fragment");
        assertThatThrownBy(() -> RegistryConnection.of(List.of(), null, null, null))
                .hasMessageContaining("at least one URL");
    }
}
