package io.github.schemafirst.connect.http.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The origin of a URL (RFC 6454): scheme, host and port, with the scheme's default port filled in. Two URLs may
 * share credentials only when their origins are equal; {@code http://a} and {@code https://a} are different origins.
 */
public final class Origin {
    private final String scheme;
    private final String host;
    private final int port;

    private Origin(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    /**
     * The origin of an absolute http(s) URL.
     *
     * @throws IllegalArgumentException when the URL is not absolute http(s) with a host
     */
    public static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("expected an http:// or https:// URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("expected a URL with a host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return new Origin(scheme, host.toLowerCase(Locale.ROOT), port);
    }

    /**
     * An origin as a user writes it: {@code https://host} or {@code https://host:port} (a trailing {@code /} is
     * tolerated), nothing else.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static Origin parse(String text) {
        String trimmed = text.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an origin such as https://api.example.com:8443, got '"
                    + trimmed + "' (" + e.getReason() + ")");
        }
        Origin origin;
        try {
            origin = of(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected an origin such as https://api.example.com:8443, got '"
                    + trimmed + "' (" + e.getMessage() + ")");
        }
        boolean bare = uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"));
        if (!bare) {
            throw new IllegalArgumentException("expected an origin (scheme, host and optional port) such as "
                    + "https://api.example.com:8443, got '" + trimmed + "' with more than that");
        }
        return origin;
    }

    public boolean isHttps() {
        return scheme.equals("https");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Origin)) {
            return false;
        }
        Origin other = (Origin) o;
        return port == other.port && scheme.equals(other.scheme) && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port);
    }

    /** {@code scheme://host[:port]}, the port left out when it is the scheme's default. */
    @Override
    public String toString() {
        boolean defaultPort = port == (isHttps() ? 443 : 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
