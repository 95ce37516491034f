package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.request.Header;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Credentials that never change: none, basic, bearer and API key in a header. */
public final class StaticHeaderAuthenticator implements Authenticator {
    private final List<Header> headers;

    private StaticHeaderAuthenticator(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    public static StaticHeaderAuthenticator none() {
        return new StaticHeaderAuthenticator(List.of());
    }

    public static StaticHeaderAuthenticator basic(String username, String password) {
        return new StaticHeaderAuthenticator(List.of(new Header("Authorization", basicValue(username, password))));
    }

    public static StaticHeaderAuthenticator bearer(String token) {
        return new StaticHeaderAuthenticator(List.of(new Header("Authorization", "Bearer " + token)));
    }

    public static StaticHeaderAuthenticator header(String name, String value) {
        return new StaticHeaderAuthenticator(List.of(new Header(name, value)));
    }

    /** {@code Basic base64(user:password)} (RFC 7617, UTF-8). */
    public static String basicValue(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<Header> headers() {
        return headers;
    }
}
