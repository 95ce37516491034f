package io.github.schemafirst.connect.http.pagination;

import java.net.URI;
import java.util.Optional;

/**
 * One pagination scheme as a state machine over a page token: a string naming the page to fetch (a page number, an
 * offset, a cursor, a URL), null for the first page. Tokens are stored in source offsets, so a restarted task
 * fetches the same page again.
 */
public interface Paginator {

    /** The URI of the page {@code token} names, from the endpoint's rendered URI. */
    URI pageUri(URI base, String token);

    /** The token of the page after {@code page}, or empty when the cycle ends there. */
    Optional<String> next(String token, Page page);

    /** The value of {@code {{cursor}}} in templates for this page; empty for schemes without cursors. */
    default String templateCursor(String token) {
        return "";
    }
}
