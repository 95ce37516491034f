package io.github.schemafirst.connect.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach the registry: one or more base URLs (tried in order when one cannot be reached, like
 * Confluent's client), at most one kind of credentials (basic auth {@code user:password} or a bearer token), and
 * an optional TLS context built from a trust store ({@code io.github.schemafirst.connect.net.TrustStores}); without
 * one the JDK's default trust applies. Host names and certificates are always verified.
 *
 * <p>{@link #toString()} never shows a password or token, so a connection can go into log lines and messages.
 */
public final class RegistryConnection {
    private final List<URI> baseUrls;
    private final String basicUser;
    private final String authorization;
    private final List<String> secrets;
    private final SSLContext sslContext;

    private RegistryConnection(List<URI> baseUrls, String basicUser, String authorization, List<String> secrets,
                               SSLContext sslContext) {
        this.baseUrls = baseUrls;
        this.basicUser = basicUser;
        this.authorization = authorization;
        this.secrets = secrets;
        this.sslContext = sslContext;
    }

    /**
     * @param baseUrls      absolute http(s) URLs of the API root, e.g. {@code http://registry:8081} or Apicurio's
     *                      {@code http://apicurio:8080/apis/ccompat/v7}; without user info, query or fragment
     * @param basicUserInfo {@code user:password} for basic auth, or null/empty for none
     * @param bearerToken   a bearer token, or null/empty for none; not together with {@code basicUserInfo}
     * @param sslContext    the TLS context for https URLs, or null for the JDK's default trust
     * @throws IllegalArgumentException naming what is wrong, never quoting a secret
     */
    public static RegistryConnection of(List<URI> baseUrls, String basicUserInfo, String bearerToken,
                                        SSLContext sslContext) {
        if (baseUrls == null || baseUrls.isEmpty()) {
            throw new IllegalArgumentException("the schema registry needs at least one URL");
        }
        List<URI> urls = new ArrayList<>(baseUrls.size());
        for (URI url : baseUrls) {
            urls.add(checkedBaseUrl(url));
        }
        boolean basic = basicUserInfo != null && !basicUserInfo.isEmpty();
        boolean bearer = bearerToken != null && !bearerToken.isEmpty();
        if (basic && bearer) {
            throw new IllegalArgumentException(
                    "give the schema registry either basic auth user info or a bearer token, not both");
        }
        List<String> secrets = new ArrayList<>();
        String user = null;
        String authorization = null;
        if (basic) {
            int colon = basicUserInfo.indexOf(':');
            if (colon < 0) {
                // Confluent's USER_INFO source wants user:password; do not echo the value, it may be a password
                throw new IllegalArgumentException(
                        "the schema registry's basic auth user info must have the form user:password (no ':' found)");
            }
            user = basicUserInfo.substring(0, colon);
            String encoded = Base64.getEncoder().encodeToString(basicUserInfo.getBytes(StandardCharsets.UTF_8));
            authorization = "Basic " + encoded;
            String password = basicUserInfo.substring(colon + 1);
            if (!password.isEmpty()) {
                secrets.add(password);
            }
            secrets.add(encoded);
        } else if (bearer) {
            authorization = "Bearer " + bearerToken;
            secrets.add(bearerToken);
        }
        return new RegistryConnection(Collections.unmodifiableList(urls), user, authorization,
                Collections.unmodifiableList(secrets), sslContext);
    }

    /** Without credentials or a custom trust store. */
    public static RegistryConnection of(URI baseUrl) {
        return of(List.of(baseUrl), null, null, null);
    }

    private static URI checkedBaseUrl(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("a schema registry URL is null");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL '" + withoutUserInfo(url)
                    + "' is not an absolute http:// or https:// URL with a host");
        }
        if (url.getRawUserInfo() != null) {
            // the URL would put the password into every log line that names it
            throw new IllegalArgumentException("schema registry URL '" + withoutUserInfo(url)
                    + "' has user info: give credentials as basic auth user info instead");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("schema registry URL '" + withoutUserInfo(url)
                    + "' has a query or fragment: give only the API root");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + url.getRawAuthority() + path);
    }

    /** The URL as it may be shown: user info, which can hold a password, is left out. */
    static String withoutUserInfo(URI url) {
        if (url == null || url.getRawUserInfo() == null) {
            return String.valueOf(url);
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** The API roots, without trailing slashes, in the order they are tried. */
    public List<URI> baseUrls() {
        return baseUrls;
    }

    /** The TLS context for https URLs; empty means the JDK's default trust. */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    public boolean hasBasicAuth() {
        return basicUser != null;
    }

    public boolean hasBearerToken() {
        return authorization != null && basicUser == null;
    }

    /** The {@code Authorization} header value; only the client sends it, nothing shows it. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** Replaces every secret of this connection in {@code text} (e.g. an error body that echoes a header). */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "****");
        }
        return redacted;
    }

    @Override
    public String toString() {
        String auth = basicUser != null ? "basic auth as '" + basicUser + "'"
                : authorization != null ? "bearer token" : "no credentials";
        return "schema registry " + baseUrls + " (" + auth + ", "
                + (sslContext == null ? "default trust" : "custom trust store") + ")";
    }
}
