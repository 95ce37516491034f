package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.request.Header;
import io.github.schemafirst.connect.http.request.QueryParameters;
import java.net.URI;
import java.util.List;

/**
 * An API key sent as a query parameter. Only the sent URI carries it: positions, offsets and error messages use the
 * URI from before {@link #authorize(URI)}, so the key never reaches Kafka or the logs.
 */
public final class QueryApiKeyAuthenticator implements Authenticator {
    private final String name;
    private final String value;

    public QueryApiKeyAuthenticator(String name, String value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public URI authorize(URI uri) {
        return QueryParameters.with(uri, name, value);
    }

    @Override
    public List<Header> headers() {
        return List.of();
    }
}
