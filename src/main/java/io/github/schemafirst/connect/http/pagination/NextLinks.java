package io.github.schemafirst.connect.http.pagination;

import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves a next-page link against the request URL, refusing links that cannot lead anywhere new. */
final class NextLinks {
    private static final Logger log = LoggerFactory.getLogger(NextLinks.class);

    private NextLinks() {
    }

    static Optional<String> resolve(URI requestUri, String link, String currentToken) {
        URI next;
        try {
            next = requestUri.resolve(link);
        } catch (IllegalArgumentException e) {
            log.warn("Ending the cycle: the next-page link '{}' from {} is not a URL", link, requestUri);
            return Optional.empty();
        }
        String scheme = next.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            log.warn("Ending the cycle: the next-page link '{}' from {} is not an http(s) URL", link, requestUri);
            return Optional.empty();
        }
        String text = next.toString();
        if (text.equals(currentToken) || next.equals(requestUri)) {
            log.warn("Ending the cycle: the next-page link from {} points at the same page", requestUri);
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
