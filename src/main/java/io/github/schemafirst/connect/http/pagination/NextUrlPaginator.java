package io.github.schemafirst.connect.http.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import java.net.URI;
import java.util.Optional;

/**
 * The body holds the next page's URL (at a JSON Pointer), absolute or relative to the request URL. Links are
 * followed only where the {@link OriginPolicy} allows.
 */
public final class NextUrlPaginator implements Paginator {
    private final JsonPointer nextUrlPointer;
    private final NextLinks links;

    public NextUrlPaginator(JsonPointer nextUrlPointer, OriginPolicy origins) {
        this.nextUrlPointer = nextUrlPointer;
        this.links = new NextLinks(origins);
    }

    @Override
    public URI pageUri(URI base, String token) {
        return links.pageUri(base, token);
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
        return links.resolve(page.requestUri(), next.textValue().trim(), token);
    }
}
