package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.Endpoint;
import io.github.schemafirst.connect.http.Endpoints;
import io.github.schemafirst.connect.http.HttpSourceConfig;
import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.Template;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Where requests and credentials may go. Credentials (auth headers, an API key in the query, secret headers) go
 * only to the origins of the configured endpoint URLs. Pagination links and redirects may lead to those origins
 * and to the origins of {@code http.allowed.origins}, where requests carry no credentials; anywhere else they are
 * refused, as is any step from https to http.
 */
public final class OriginPolicy {
    private final Set<Origin> endpoints;
    private final Set<Origin> allowed;
    private final Secrets secrets;

    private OriginPolicy(Collection<Origin> endpoints, Collection<Origin> allowed, Secrets secrets) {
        this.endpoints = Set.copyOf(endpoints);
        Set<Origin> others = new LinkedHashSet<>(allowed);
        others.removeAll(this.endpoints);
        this.allowed = Set.copyOf(others);
        this.secrets = secrets;
    }

    public static OriginPolicy of(Collection<Origin> endpoints, Collection<Origin> allowed, Secrets secrets) {
        return new OriginPolicy(endpoints, allowed, secrets);
    }

    /** Credentials and redirects only within the origin of {@code uri}. */
    public static OriginPolicy onlyOriginOf(URI uri) {
        return new OriginPolicy(Set.of(Origin.of(uri)), Set.of(), Secrets.none());
    }

    public static OriginPolicy fromConfig(HttpSourceConfig config, Secrets secrets) {
        Set<Origin> endpoints = new LinkedHashSet<>();
        for (Endpoint endpoint : Endpoints.all(config)) {
            endpointOrigin(endpoint.url()).ifPresent(endpoints::add);
        }
        Set<Origin> allowed = new LinkedHashSet<>();
        for (String item : config.allowedOrigins()) {
            allowed.add(Origin.parse(item));
        }
        return new OriginPolicy(endpoints, allowed, secrets);
    }

    /** The origin an endpoint template names (its placeholders cannot change it: validate() checks that). */
    public static Optional<Origin> endpointOrigin(Template url) {
        try {
            return Optional.of(Origin.of(URI.create(url.render(
                    Map.of(Template.INCREMENTAL, "", Template.CURSOR, "", Template.VALUE, ""), Escaping.URL))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Secrets secrets() {
        return secrets;
    }

    /** Whether a request to {@code uri} carries credentials: only when it goes to an endpoint's origin. */
    public boolean sendsCredentialsTo(URI uri) {
        try {
            return endpoints.contains(Origin.of(uri));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks a page URL taken from a {@code next-url} or {@code link-header} link (or from a stored offset) before
     * it is requested.
     *
     * @param endpoint the endpoint's own URL, where the cycle started
     * @throws ConnectException when the link leads to an origin not allowed, or from https to http
     */
    public void checkPage(URI endpoint, URI page) {
        String shown = secrets.mask(page.toString());
        Origin target;
        try {
            target = Origin.of(page);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Refusing the next-page link " + shown + " of " + endpoint + ": "
                    + e.getMessage());
        }
        if ("https".equalsIgnoreCase(endpoint.getScheme()) && !target.isHttps()) {
            throw new ConnectException("Refusing the next-page link " + shown + " of " + endpoint
                    + ": it leads from https to http");
        }
        if (!endpoints.contains(target) && !allowed.contains(target)) {
            throw new ConnectException("Refusing the next-page link " + shown + " of " + endpoint + ": it leads to "
                    + target + ", " + notAllowed(target));
        }
    }

    /**
     * Where a redirect leads, once checked: resolved against the request, without query parameters that carry a
     * secret (the connector adds its own credentials where they may go).
     *
     * @param request what was requested, for the message (without credentials)
     * @throws ConnectException when the redirect leads to an origin not allowed, from https to http, or nowhere
     */
    public URI redirect(String request, URI from, int status, String location) {
        String what = request + " was redirected (HTTP " + status + ") to " + secrets.mask(location);
        URI target;
        Origin origin;
        try {
            target = secrets.strip(from.resolve(URI.create(location.trim())));
            origin = Origin.of(target);
        } catch (IllegalArgumentException e) {
            throw new ConnectException(what + ", which is not an http(s) URL");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && !origin.isHttps()) {
            throw new ConnectException(what + ": refused, it leads from https to http");
        }
        if (!endpoints.contains(origin) && !allowed.contains(origin)) {
            throw new ConnectException(what + ": refused, it leads to " + origin + ", " + notAllowed(origin)
                    + " Or set the endpoint URL to where the API redirects.");
        }
        if (!endpoints.contains(origin) && secrets.appearsIn(target.toString())) {
            throw new ConnectException(what + ": refused, the URL carries a secret of this connector to " + origin);
        }
        return target;
    }

    private String notAllowed(Origin target) {
        return "which is neither the origin of an endpoint (" + list(endpoints) + ") nor in "
                + HttpSourceConfig.ALLOWED_ORIGINS_CONFIG + (allowed.isEmpty() ? "" : " (" + list(allowed) + ")")
                + ". To follow it, add " + target + " to " + HttpSourceConfig.ALLOWED_ORIGINS_CONFIG
                + " (requests there carry no credentials).";
    }

    private static String list(Set<Origin> origins) {
        return origins.stream().map(Origin::toString).sorted().collect(Collectors.joining(", "));
    }
}
