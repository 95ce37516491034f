package io.github.schemafirst.connect.http.pagination;

import io.github.schemafirst.connect.http.request.QueryParameters;
import java.net.URI;
import java.util.Optional;

/** {@code ?page=N[&size=S]}, from the first page number up, until a page comes back empty. */
public final class PageNumberPaginator implements Paginator {
    private final String pageParam;
    private final long firstPage;
    private final String sizeParam;
    private final int size;

    /** @param sizeParam empty to send no size */
    public PageNumberPaginator(String pageParam, long firstPage, String sizeParam, int size) {
        this.pageParam = pageParam;
        this.firstPage = firstPage;
        this.sizeParam = sizeParam;
        this.size = size;
    }

    @Override
    public URI pageUri(URI base, String token) {
        URI uri = QueryParameters.with(base, pageParam, Long.toString(page(token)));
        return sizeParam.isEmpty() ? uri : QueryParameters.with(uri, sizeParam, Integer.toString(size));
    }

    @Override
    public Optional<String> next(String token, Page page) {
        return page.recordCount() == 0 ? Optional.empty() : Optional.of(Long.toString(page(token) + 1));
    }

    private long page(String token) {
        return token == null ? firstPage : Long.parseLong(token);
    }
}
