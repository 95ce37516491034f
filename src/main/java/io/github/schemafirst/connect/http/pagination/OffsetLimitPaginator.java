package io.github.schemafirst.connect.http.pagination;

import io.github.schemafirst.connect.http.request.QueryParameters;
import java.net.URI;
import java.util.Optional;

/**
 * {@code ?offset=O&limit=L}: the next offset is the previous one plus the records actually received (not plus the
 * limit), so a server that caps the page size below the limit loses nothing.
 */
public final class OffsetLimitPaginator implements Paginator {
    private final String offsetParam;
    private final String limitParam;
    private final int limit;

    public OffsetLimitPaginator(String offsetParam, String limitParam, int limit) {
        this.offsetParam = offsetParam;
        this.limitParam = limitParam;
        this.limit = limit;
    }

    @Override
    public URI pageUri(URI base, String token) {
        URI uri = QueryParameters.with(base, offsetParam, Long.toString(offset(token)));
        return QueryParameters.with(uri, limitParam, Integer.toString(limit));
    }

    @Override
    public Optional<String> next(String token, Page page) {
        return page.recordCount() == 0 ? Optional.empty()
                : Optional.of(Long.toString(offset(token) + page.recordCount()));
    }

    private static long offset(String token) {
        return token == null ? 0L : Long.parseLong(token);
    }
}
