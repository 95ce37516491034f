package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.HttpSourceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

/** Builds the {@link Authenticator} that {@code http.auth.type} names. */
public final class Authenticators {
    private Authenticators() {
    }

    public static Authenticator fromConfig(HttpSourceConfig config, HttpClient client, Clock clock) {
        switch (config.authType()) {
            case BASIC:
                return StaticHeaderAuthenticator.basic(config.text(HttpSourceConfig.AUTH_USERNAME_CONFIG),
                        config.secret(HttpSourceConfig.AUTH_PASSWORD_CONFIG));
            case BEARER:
                return StaticHeaderAuthenticator.bearer(config.secret(HttpSourceConfig.AUTH_TOKEN_CONFIG));
            case API_KEY: {
                String name = config.text(HttpSourceConfig.AUTH_API_KEY_NAME_CONFIG);
                String value = config.secret(HttpSourceConfig.AUTH_API_KEY_VALUE_CONFIG);
                return "query".equalsIgnoreCase(config.text(HttpSourceConfig.AUTH_API_KEY_LOCATION_CONFIG))
                        ? new QueryApiKeyAuthenticator(name, value)
                        : StaticHeaderAuthenticator.header(name, value);
            }
            case OAUTH2_CLIENT_CREDENTIALS:
                return new OAuth2ClientCredentialsAuthenticator(client,
                        URI.create(config.text(HttpSourceConfig.OAUTH2_TOKEN_URL_CONFIG)),
                        config.text(HttpSourceConfig.OAUTH2_CLIENT_ID_CONFIG),
                        config.secret(HttpSourceConfig.OAUTH2_CLIENT_SECRET_CONFIG),
                        config.text(HttpSourceConfig.OAUTH2_SCOPE_CONFIG), config.readTimeout(),
                        config.responseMaxBytes(), clock);
            case NONE:
            default:
                return StaticHeaderAuthenticator.none();
        }
    }
}
