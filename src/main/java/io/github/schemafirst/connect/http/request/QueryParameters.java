package io.github.schemafirst.connect.http.request;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Sets query parameters on a URI, replacing any parameter of the same name the URI already has. */
public final class QueryParameters {
    private QueryParameters() {
    }

    public static URI with(URI uri, String name, String value) {
        String encodedName = Escaping.URL.escape(name);
        String raw = uri.getRawQuery();
        List<String> kept = new ArrayList<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String pairName = eq < 0 ? pair : pair.substring(0, eq);
                if (!pairName.equals(encodedName)) {
                    kept.add(pair);
                }
            }
        }
        kept.add(encodedName + "=" + Escaping.URL.escape(value));
        String text = uri.toString();
        int cut = text.length();
        int hash = text.indexOf('#');
        String fragment = "";
        if (hash >= 0) {
            fragment = text.substring(hash);
            cut = hash;
        }
        int question = text.indexOf('?');
        String base = question >= 0 && question < cut ? text.substring(0, question) : text.substring(0, cut);
        return URI.create(base + "?" + String.join("&", kept) + fragment);
    }
}
