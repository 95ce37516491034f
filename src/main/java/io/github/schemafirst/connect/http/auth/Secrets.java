package io.github.schemafirst.connect.http.auth;

import io.github.schemafirst.connect.http.HttpSourceConfig;
import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.Header;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of one task (passwords, tokens, API keys, secret header values, and the OAuth2 access tokens it
 * fetched), to keep them out of everything the connector shows or stores: {@link #mask} for messages and logs,
 * {@link #strip} for links before they become page tokens (stored in offsets, shown in positions).
 *
 * <p>A secret is recognised by its value only when it has at least {@link #MIN_RECOGNISED_LENGTH} characters:
 * shorter values would match ordinary text ({@code page=1}). The query parameter that carries the API key
 * ({@code http.auth.api.key.location=query}) is recognised by its name, whatever its value.
 */
public final class Secrets {
    public static final int MIN_RECOGNISED_LENGTH = 8;
    public static final String MASK = "****";
    /** OAuth2 tokens remembered: the current one and a few before it, which an API may still echo. */
    private static final int TOKENS_KEPT = 8;

    private final List<String> fixed;
    private final String queryParameter;
    private final Pattern queryParameterValue;
    private final Deque<String> tokens = new ArrayDeque<>();

    /** @param queryParameter the name of the query parameter carrying a secret, or null */
    public Secrets(Collection<String> values, String queryParameter) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null && value.length() >= MIN_RECOGNISED_LENGTH && !kept.contains(value)) {
                kept.add(value);
            }
        }
        this.fixed = List.copyOf(kept);
        this.queryParameter = queryParameter == null || queryParameter.isEmpty() ? null : queryParameter;
        this.queryParameterValue = this.queryParameter == null ? null
                : Pattern.compile("(?<=[?&;])(" + Pattern.quote(Escaping.URL.escape(this.queryParameter)) + "=)"
                        + "[^&#\\s\"'<>]*");
    }

    public static Secrets none() {
        return new Secrets(List.of(), null);
    }

    /** Every secret the config holds, and the API key's query parameter when the key goes in the query. */
    public static Secrets fromConfig(HttpSourceConfig config) {
        List<String> values = new ArrayList<>();
        for (String key : List.of(HttpSourceConfig.AUTH_PASSWORD_CONFIG, HttpSourceConfig.AUTH_TOKEN_CONFIG,
                HttpSourceConfig.AUTH_API_KEY_VALUE_CONFIG, HttpSourceConfig.OAUTH2_CLIENT_SECRET_CONFIG,
                HttpSourceConfig.TRUSTSTORE_PASSWORD_CONFIG)) {
            values.add(config.secret(key));
        }
        try {
            for (Header header : SecretHeaders.parse(config.secret(HttpSourceConfig.AUTH_SECRET_HEADERS_CONFIG))) {
                values.add(header.value());
            }
        } catch (IllegalArgumentException e) {
            // reported by validate(); the values that did parse are not needed to refuse the config
        }
        boolean inQuery = config.authType() == AuthType.API_KEY
                && "query".equalsIgnoreCase(config.text(HttpSourceConfig.AUTH_API_KEY_LOCATION_CONFIG));
        return new Secrets(values, inQuery ? config.text(HttpSourceConfig.AUTH_API_KEY_NAME_CONFIG) : null);
    }

    /** Remembers an access token fetched at run time, so an API echoing it is masked too. */
    public synchronized void addToken(String token) {
        if (token == null || token.length() < MIN_RECOGNISED_LENGTH || tokens.contains(token)) {
            return;
        }
        tokens.addFirst(token);
        while (tokens.size() > TOKENS_KEPT) {
            tokens.removeLast();
        }
    }

    /** All recognisable values, longest first (so a secret containing another is masked whole). */
    private synchronized List<String> values() {
        Set<String> all = new LinkedHashSet<>(fixed);
        all.addAll(tokens);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    /** Each way a value may be written in a URL or a message: as is, percent-encoded, form-encoded. */
    private static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(Escaping.URL.escape(value));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return forms;
    }

    /** {@code text} with every secret replaced by {@value #MASK}, and the API key's query parameter value too. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        if (queryParameterValue != null) {
            masked = queryParameterValue.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        }
        for (String value : values()) {
            for (String form : forms(value)) {
                masked = masked.replace(form, MASK);
            }
        }
        return masked;
    }

    /** Whether {@code text} holds a secret in any of its forms, or the API key's query parameter. */
    public boolean appearsIn(String text) {
        return !mask(text).equals(text);
    }

    /**
     * {@code uri} without the query parameters that carry a secret: the API key's parameter, and any parameter
     * whose value is a secret (an API echoing a key or a token into the links it returns). The connector adds its
     * own credentials to each request where they may go, so nothing needed is lost; the rest of the URI is kept
     * byte for byte.
     */
    public URI strip(URI uri) {
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return uri;
        }
        List<String> values = values();
        List<String> kept = new ArrayList<>();
        boolean removed = false;
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            boolean secret = (queryParameter != null && decodedForms(name).contains(queryParameter))
                    || decodedForms(value).stream().anyMatch(values::contains);
            if (secret) {
                removed = true;
            } else {
                kept.add(pair);
            }
        }
        if (!removed) {
            return uri;
        }
        String text = uri.toString();
        int hash = text.indexOf('#');
        String fragment = hash >= 0 ? text.substring(hash) : "";
        String beforeFragment = hash >= 0 ? text.substring(0, hash) : text;
        String base = beforeFragment.substring(0, beforeFragment.indexOf('?'));
        return URI.create(base + (kept.isEmpty() ? "" : "?" + String.join("&", kept)) + fragment);
    }

    /** A query component as written, percent-decoded, and form-decoded ({@code +} as space). */
    private static Set<String> decodedForms(String component) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(component);
        try {
            forms.add(URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8));
            forms.add(URLDecoder.decode(component, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // a malformed escape: compared as written
        }
        return forms;
    }
}
