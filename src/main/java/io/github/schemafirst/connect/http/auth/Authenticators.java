package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.HttpSourceConfig;
import io.github.schemafirst.connect.http.request.Header;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/** Builds the {@link Authenticator} that {@code http.auth.type} names, with {@code http.auth.secret.headers}. */
public final class Authenticators {
    private Authenticators() {
    }

    public static Authenticator fromConfig(HttpSourceConfig config, HttpClient client, Clock clock) {
        return fromConfig(config, client, clock, Secrets.fromConfig(config));
    }

    /** @param secrets where the OAuth2 tokens fetched are registered, so they are masked like configured secrets */
    public static Authenticator fromConfig(HttpSourceConfig config, HttpClient client, Clock clock, Secrets secrets) {
        Authenticator auth = ofType(config, client, clock, secrets);
        List<Header> secretHeaders = SecretHeaders.parse(config.secret(HttpSourceConfig.AUTH_SECRET_HEADERS_CONFIG));
        return secretHeaders.isEmpty() ? auth : new WithSecretHeaders(auth, secretHeaders);
    }

    private static Authenticator ofType(HttpSourceConfig config, HttpClient client, Clock clock, Secrets secrets) {
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
            case OAUTH2_CLIENT_CREDENTIALS: {
                String tokenUrl = config.text(HttpSourceConfig.OAUTH2_TOKEN_URL_CONFIG);
                if (!tokenUrl.regionMatches(true, 0, "https://", 0, 8)
                        && !config.getBoolean(HttpSourceConfig.OAUTH2_TOKEN_URL_ALLOW_HTTP_CONFIG)) {
                    throw new ConfigException(HttpSourceConfig.OAUTH2_TOKEN_URL_CONFIG, tokenUrl,
                            "the client secret would travel unencrypted; use https:// or set "
                                    + HttpSourceConfig.OAUTH2_TOKEN_URL_ALLOW_HTTP_CONFIG + "=true");
                }
                return new OAuth2ClientCredentialsAuthenticator(client, URI.create(tokenUrl),
                        config.text(HttpSourceConfig.OAUTH2_CLIENT_ID_CONFIG),
                        config.secret(HttpSourceConfig.OAUTH2_CLIENT_SECRET_CONFIG),
                        config.text(HttpSourceConfig.OAUTH2_SCOPE_CONFIG), config.readTimeout(),
                        config.responseMaxBytes(), clock, secrets);
            }
            case NONE:
            default:
                return StaticHeaderAuthenticator.none();
        }
    }

    /** The auth type's credentials plus the secret headers, which travel with them and only where they go. */
    private static final class WithSecretHeaders implements Authenticator {
        private final Authenticator auth;
        private final List<Header> secretHeaders;

        WithSecretHeaders(Authenticator auth, List<Header> secretHeaders) {
            this.auth = auth;
            this.secretHeaders = List.copyOf(secretHeaders);
        }

        @Override
        public URI authorize(URI uri) {
            return auth.authorize(uri);
        }

        @Override
        public List<Header> headers() throws IOException, InterruptedException {
            List<Header> headers = new ArrayList<>(secretHeaders);
            headers.addAll(auth.headers());
            return headers;
        }

        @Override
        public boolean refreshAfterUnauthorized() {
            return auth.refreshAfterUnauthorized();
        }
    }
}
