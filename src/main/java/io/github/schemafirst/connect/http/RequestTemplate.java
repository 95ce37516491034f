package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.Header;
import io.github.schemafirst.connect.http.request.RequestSpec;
import io.github.schemafirst.connect.http.request.Template;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The parts of a request every endpoint shares: method, headers and the body template. */
public final class RequestTemplate {
    private final String method;
    private final List<Header> headers;
    private final Template body;
    private final String contentType;

    /** @param body null for no body */
    public RequestTemplate(String method, List<Header> headers, Template body, String contentType) {
        this.method = method;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.contentType = contentType;
    }

    public static RequestTemplate fromConfig(HttpSourceConfig config) {
        String body = config.body();
        return new RequestTemplate(config.method(), Header.parseList(config.rawHeaders()),
                body == null || body.isEmpty() ? null : Template.parse(body), config.bodyContentType());
    }

    public RequestSpec request(URI uri, Map<String, String> values) {
        return new RequestSpec(method, uri, headers, body == null ? null : body.render(values, Escaping.JSON),
                contentType);
    }
}
