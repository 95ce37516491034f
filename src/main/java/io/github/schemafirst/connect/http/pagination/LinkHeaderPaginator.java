package io.github.schemafirst.connect.http.pagination;

import io.github.schemafirst.connect.http.auth.OriginPolicy;
import java.net.URI;
import java.util.Optional;

/**
 * Follows the {@code Link: <...>; rel="next"} response header (RFC 8288), as GitHub's API and many others do. Links
 * are followed only where the {@link OriginPolicy} allows.
 */
public final class LinkHeaderPaginator implements Paginator {
    private final NextLinks links;

    public LinkHeaderPaginator(OriginPolicy origins) {
        this.links = new NextLinks(origins);
    }

    @Override
    public URI pageUri(URI base, String token) {
        return links.pageUri(base, token);
    }

    @Override
    public Optional<String> next(String token, Page page) {
        if (page.recordCount() == 0) {
            return Optional.empty();
        }
        Optional<String> next = LinkHeader.target(page.linkHeaders(), "next");
        return next.isPresent() ? links.resolve(page.requestUri(), next.get(), token) : Optional.empty();
    }
}
