package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.request.Header;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** Adds credentials to a request. Built once per task; not required to be thread-safe. */
public interface Authenticator {

    /** The URI to send: unchanged, except for an API key sent as a query parameter. */
    default URI authorize(URI uri) {
        return uri;
    }

    /**
     * Headers carrying the credentials. May fetch a token first.
     *
     * @throws IOException when fetching a token failed in a way worth retrying (connection error, 5xx)
     */
    List<Header> headers() throws IOException, InterruptedException;

    /**
     * Called when the server answered 401: drops cached credentials.
     *
     * @return whether sending the request again with fresh credentials may succeed
     */
    default boolean refreshAfterUnauthorized() {
        return false;
    }
}
