package io.github.schemafirst.connect.http.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.http.request.QueryParameters;
import java.net.URI;
import java.util.Optional;

/**
 * The body names the next page's token (at a JSON Pointer); it is sent back as a query parameter and/or through
 * {@code {{cursor}}} in the URL or body template. A missing, null or empty token, an empty page, or the same token
 * again ends the cycle.
 */
public final class CursorPaginator implements Paginator {
    private final JsonPointer cursorPointer;
    private final String cursorParam;

    /** @param cursorParam empty when the token travels only through {@code {{cursor}}} */
    public CursorPaginator(JsonPointer cursorPointer, String cursorParam) {
        this.cursorPointer = cursorPointer;
        this.cursorParam = cursorParam;
    }

    @Override
    public URI pageUri(URI base, String token) {
        return token == null || cursorParam.isEmpty() ? base : QueryParameters.with(base, cursorParam, token);
    }

    @Override
    public Optional<String> next(String token, Page page) {
        if (page.recordCount() == 0 || page.body() == null) {
            return Optional.empty();
        }
        JsonNode next = page.body().at(cursorPointer);
        if (!next.isValueNode() || next.isNull() || next.asText().isEmpty() || next.asText().equals(token)) {
            return Optional.empty();
        }
        return Optional.of(next.asText());
    }

    @Override
    public String templateCursor(String token) {
        return token == null ? "" : token;
    }
}
