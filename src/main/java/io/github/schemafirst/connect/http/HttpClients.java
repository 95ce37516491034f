package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.net.TrustStores;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the task's {@link HttpClient}: HTTP version ({@code http.version}), connect timeout, trust store, and no
 * redirects. The JDK would follow a
 * redirect to another origin with every header but {@code Authorization} (an API key header included); the
 * connector follows redirects itself ({@link io.github.schemafirst.connect.http.request.HttpFetcher}) and attaches
 * credentials per hop, and the OAuth2 token request never follows one.
 */
public final class HttpClients {
    private HttpClients() {
    }

    public static HttpClient fromConfig(HttpSourceConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(config.httpVersion())
                .followRedirects(HttpClient.Redirect.NEVER);
        Optional<String> truststore = config.truststoreLocation();
        if (truststore.isPresent()) {
            try {
                builder.sslContext(TrustStores.sslContext(Paths.get(truststore.get()),
                        config.secret(HttpSourceConfig.TRUSTSTORE_PASSWORD_CONFIG), config.truststoreType()));
            } catch (IOException | GeneralSecurityException e) {
                throw new ConfigException(HttpSourceConfig.TRUSTSTORE_LOCATION_CONFIG, truststore.get(),
                        "cannot load the trust store: " + e.getMessage());
            }
        }
        return builder.build();
    }
}
