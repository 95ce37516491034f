package io.github.schemafirst.connect.http.pagination;

import java.net.URI;
import java.util.Optional;

/** One request per cycle. */
public final class NoPagination implements Paginator {

    @Override
    public URI pageUri(URI base, String token) {
        return base;
    }

    @Override
    public Optional<String> next(String token, Page page) {
        return Optional.empty();
    }
}
