package io.github.schemafirst.connect.http.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/** The body holds the next page's URL (at a JSON Pointer), absolute or relative to the request URL. */
public final class NextUrlPaginator implements Paginator {
    private final JsonPointer nextUrlPointer;

    public NextUrlPaginator(JsonPointer nextUrlPointer) {
        this.nextUrlPointer = nextUrlPointer;
    }

    @Override
    public URI pageUri(URI base, String token) {
        return token == null ? base : URI.create(token);
    }

    @Override
    public Optional<String> next(String token, Page page) {
        if (page.recordCount() == 0 || page.body() == null) {
            return Optional.empty();
        }
        JsonNode next = page.body().at(nextUrlPointer);
        if (!next.isTextual() || next.textValue().trim().isEmpty()) {
            return Optional.empty();
        }
        return NextLinks.resolve(page.requestUri(), next.textValue().trim(), token);
    }
}
