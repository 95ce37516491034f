package io.github.schemafirst.connect.http.request;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** One request before authentication: method, URI, static headers and the rendered body (null for none). */
public final class RequestSpec {
    private final String method;
    private final URI uri;
    private final List<Header> headers;
    private final String body;
    private final String contentType;

    public RequestSpec(String method, URI uri, List<Header> headers, String body, String contentType) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = List.copyOf(headers);
        this.body = body;
        this.contentType = contentType;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public List<Header> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
