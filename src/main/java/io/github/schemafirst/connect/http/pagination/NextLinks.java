package io.github.schemafirst.connect.http.pagination;

import io.github.schemafirst.connect.http.auth.OriginPolicy;
import io.github.schemafirst.connect.http.auth.Secrets;
import java.net.URI;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Next-page links ({@code next-url}, {@code link-header}): resolves a link against the request URL, ending the cycle
 * on links that cannot lead anywhere new, and keeps secrets out of the page token (stored in offsets, shown in
 * positions); checks a page URL against the {@link OriginPolicy} before it is requested.
 */
final class NextLinks {
    private static final Logger log = LoggerFactory.getLogger(NextLinks.class);

    private final OriginPolicy origins;

    NextLinks(OriginPolicy origins) {
        this.origins = origins;
    }

    /**
     * The page URL a token names, checked when it is about to be requested (not when the link is found, so the
     * page holding it is read first): a link to an origin not allowed, or from an https endpoint to http, fails
     * the task. Offsets never point past the page holding the link, so after a config change it is read again.
     */
    URI pageUri(URI base, String token) {
        if (token == null) {
            return base;
        }
        // a token stored before secrets were stripped from links, or written with the REST API, is stripped too
        URI page = origins.secrets().strip(URI.create(token));
        origins.checkPage(base, page);
        return page;
    }

    /**
     * The next page's token: the link resolved against the request, without query parameters that carry a secret
     * of this connector (the connector adds its own credentials where they may go).
     *
     * @throws ConnectException when the link leads from https to http, or holds a secret outside its query
     */
    Optional<String> resolve(URI requestUri, String link, String currentToken) {
        Secrets secrets = origins.secrets();
        URI next;
        try {
            next = requestUri.resolve(link);
        } catch (IllegalArgumentException e) {
            log.warn("Ending the cycle: the next-page link '{}' from {} is not a URL", secrets.mask(link), requestUri);
            return Optional.empty();
        }
        String scheme = next.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            log.warn("Ending the cycle: the next-page link '{}' from {} is not an http(s) URL", secrets.mask(link),
                    requestUri);
            return Optional.empty();
        }
        if ("https".equalsIgnoreCase(requestUri.getScheme()) && scheme.equalsIgnoreCase("http")) {
            throw new ConnectException("Refusing the next-page link " + secrets.mask(next.toString()) + " from "
                    + requestUri + ": it leads from https to http");
        }
        next = secrets.strip(next);
        if (secrets.appearsIn(next.toString())) {
            throw new ConnectException("Refusing the next-page link " + secrets.mask(next.toString()) + " from "
                    + requestUri + ": it holds a secret of this connector outside its query string, and the link "
                    + "would be stored in the source offsets");
        }
        String text = next.toString();
        if (text.equals(currentToken) || next.equals(requestUri)) {
            log.warn("Ending the cycle: the next-page link from {} points at the same page", requestUri);
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
