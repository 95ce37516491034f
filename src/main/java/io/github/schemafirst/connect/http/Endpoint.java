package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.http.request.Template;
import java.util.Map;
import java.util.Objects;

/**
 * One polled endpoint: its URL template (with {@code {{value}}} already filled in) whose text is its identity, the
 * Connect source partition {@code {"endpoint": <template>}}.
 */
public final class Endpoint {
    public static final String PARTITION_KEY = "endpoint";

    private final Template url;

    public Endpoint(Template url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    public Template url() {
        return url;
    }

    public String id() {
        return url.text();
    }

    public Map<String, String> partition() {
        return Map.of(PARTITION_KEY, url.text());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint && ((Endpoint) o).id().equals(id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return id();
    }
}
