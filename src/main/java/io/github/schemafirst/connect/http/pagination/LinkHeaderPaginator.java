package io.github.schemafirst.connect.http.pagination;

import java.net.URI;
import java.util.Optional;

/** Follows the {@code Link: <...>; rel="next"} response header (RFC 8288), as GitHub's API and many others do. */
public final class LinkHeaderPaginator implements Paginator {

    @Override
    public URI pageUri(URI base, String token) {
        return token == null ? base : URI.create(token);
    }

    @Override
    public Optional<String> next(String token, Page page) {
        if (page.recordCount() == 0) {
            return Optional.empty();
        }
        Optional<String> next = LinkHeader.target(page.linkHeaders(), "next");
        return next.isPresent() ? NextLinks.resolve(page.requestUri(), next.get(), token) : Optional.empty();
    }
}
