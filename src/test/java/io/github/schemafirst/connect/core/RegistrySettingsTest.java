package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.schemafirst.connect.registry.RegistryConnection;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void noRegistryAnywhereIsEmpty() {
        assertThat(RegistrySettings.from(Map.of("topic", "users"))).isEmpty();
    }

    @Test
    void theConnectorsOwnKeysWinOverTheConverters() {
        Map<String, String> config = new HashMap<>();
        config.put("value.schema.registry.url", "http://own:8081");
        config.put("value.schema.registry.basic.auth.user.info", "me:secret");
        config.put("value.converter.schema.registry.url", "http://converter:8081");

        RegistrySettings settings = RegistrySettings.from(config).orElseThrow();
        RegistryConnection connection = settings.connection();

        assertThat(settings.ownKeys()).isTrue();
        assertThat(settings.urlKey()).isEqualTo("value.schema.registry.url");
        assertThat(settings.credentialsKey()).isEqualTo("value.schema.registry.basic.auth.user.info");
        assertThat(connection.baseUrls()).containsExactly(URI.create("http://own:8081"));
        assertThat(connection.toString()).doesNotContain("secret");
    }

    @Test
    void theConvertersUserInfoIsUsedWithItsCredentialsSource() {
        Map<String, String> config = new HashMap<>();
        config.put("value.converter.schema.registry.url", "https://a:8081, https://b:8081");
        config.put("value.converter.basic.auth.credentials.source", "USER_INFO");
        config.put("value.converter.schema.registry.basic.auth.user.info", "me:secret");

        RegistrySettings settings = RegistrySettings.from(config).orElseThrow();

        assertThat(settings.ownKeys()).isFalse();
        assertThat(settings.urlKey()).isEqualTo("value.converter.schema.registry.url");
        assertThat(settings.credentialsKey()).isEqualTo("value.converter.schema.registry.basic.auth.user.info");
        assertThat(settings.connection().baseUrls())
                .containsExactly(URI.create("https://a:8081"), URI.create("https://b:8081"));
    }

    @Test
    void credentialsInTheUrlAreTakenOutOfIt() {
        RegistrySettings settings = RegistrySettings.from(
                Map.of("value.converter.schema.registry.url", "http://me:s%40cret@registry:8081")).orElseThrow();

        RegistryConnection connection = settings.connection();

        assertThat(connection.baseUrls()).containsExactly(URI.create("http://registry:8081"));
        assertThat(connection.toString()).doesNotContain("cret");
    }

    @Test
    void credentialSourcesTheClientCannotUseAreReportedOnTheirKey() {
        Map<String, String> config = Map.of("value.converter.schema.registry.url", "http://registry:8081",
                "value.converter.basic.auth.credentials.source", "SASL_INHERIT");

        assertThatThrownBy(() -> RegistrySettings.from(config).orElseThrow().connection())
                .isInstanceOfSatisfying(RegistrySettings.InvalidSetting.class, e -> assertThat(e.key())
                        .isEqualTo("value.converter.basic.auth.credentials.source"))
                .hasMessageContaining("value.schema.registry.url");
    }

    @Test
    void basicAndBearerTogetherAreRefused() {
        Map<String, String> config = Map.of("value.schema.registry.url", "http://registry:8081",
                "value.schema.registry.basic.auth.user.info", "me:secret",
                "value.schema.registry.bearer.auth.token", "t0ken-value");

        assertThatThrownBy(() -> RegistrySettings.from(config).orElseThrow().connection())
                .isInstanceOf(RegistrySettings.InvalidSetting.class).hasMessageContaining("not both")
                .hasMessageNotContaining("secret").hasMessageNotContaining("t0ken-value");
    }

    @Test
    void aUrlThatIsNotHttpIsReportedWithoutEchoingIt() {
        Map<String, String> config = Map.of("value.schema.registry.url", "ftp://me:secret@registry");

        assertThatThrownBy(() -> RegistrySettings.from(config).orElseThrow().connection())
                .isInstanceOfSatisfying(RegistrySettings.InvalidSetting.class,
                        e -> assertThat(e.key()).isEqualTo("value.schema.registry.url"))
                .hasMessageNotContaining("secret");
    }
}
