package io.github.schemafirst.connect.http.pagination;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/** What a paginator needs to know of a response to find the next page. */
public final class Page {
    private final URI requestUri;
    private final JsonNode body;
    private final List<String> linkHeaders;
    private final int recordCount;

    /** @param body the parsed body, or null when it was not JSON */
    public Page(URI requestUri, JsonNode body, List<String> linkHeaders, int recordCount) {
        this.requestUri = requestUri;
        this.body = body;
        this.linkHeaders = List.copyOf(linkHeaders);
        this.recordCount = recordCount;
    }

    public URI requestUri() {
        return requestUri;
    }

    public JsonNode body() {
        return body;
    }

    public List<String> linkHeaders() {
        return linkHeaders;
    }

    public int recordCount() {
        return recordCount;
    }
}
