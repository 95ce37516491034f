package io.github.schemafirst.connect.http.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.schemafirst.connect.http.HttpSourceConfig;
import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.http.auth.Secrets;

/** Builds the {@link Paginator} that {@code http.pagination.type} names. */
public final class Paginators {
    private Paginators() {
    }

    public static Paginator fromConfig(HttpSourceConfig config) {
        return fromConfig(config, OriginPolicy.fromConfig(config, Secrets.fromConfig(config)));
    }

    /** @param origins where next-url and link-header links may lead, and the secrets to keep out of page tokens */
    public static Paginator fromConfig(HttpSourceConfig config, OriginPolicy origins) {
        switch (config.paginationType()) {
            case PAGE_NUMBER:
                return new PageNumberPaginator(config.text(HttpSourceConfig.PAGE_PARAM_CONFIG),
                        config.getLong(HttpSourceConfig.PAGE_START_CONFIG),
                        config.text(HttpSourceConfig.SIZE_PARAM_CONFIG), config.getInt(HttpSourceConfig.SIZE_CONFIG));
            case OFFSET_LIMIT:
                return new OffsetLimitPaginator(config.text(HttpSourceConfig.OFFSET_PARAM_CONFIG),
                        config.text(HttpSourceConfig.LIMIT_PARAM_CONFIG), config.getInt(HttpSourceConfig.LIMIT_CONFIG));
            case CURSOR:
                return new CursorPaginator(JsonPointer.compile(config.text(HttpSourceConfig.CURSOR_POINTER_CONFIG)),
                        config.text(HttpSourceConfig.CURSOR_PARAM_CONFIG));
            case NEXT_URL:
                return new NextUrlPaginator(
                        JsonPointer.compile(config.text(HttpSourceConfig.NEXT_URL_POINTER_CONFIG)), origins);
            case LINK_HEADER:
                return new LinkHeaderPaginator(origins);
            case NONE:
            default:
                return new NoPagination();
        }
    }
}
