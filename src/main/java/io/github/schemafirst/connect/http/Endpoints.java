package io.github.schemafirst.connect.http;

import io.github.schemafirst.connect.http.request.Escaping;
import io.github.schemafirst.connect.http.request.Template;
import java.util.ArrayList;
import java.util.List;

/** The endpoints a connector polls, from {@code http.url}, {@code http.urls} or {@code http.url} x {@code http.url.values}. */
public final class Endpoints {
    private Endpoints() {
    }

    /** All endpoints in configuration order (task assignment refers to them by index). */
    public static List<Endpoint> all(HttpSourceConfig config) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (!config.urls().isEmpty()) {
            for (String url : config.urls()) {
                endpoints.add(new Endpoint(Template.parse(url)));
            }
            return endpoints;
        }
        Template url = Template.parse(config.url());
        if (!config.urlValues().isEmpty()) {
            for (String value : config.urlValues()) {
                endpoints.add(new Endpoint(url.fill(Template.VALUE, value, Escaping.URL)));
            }
            return endpoints;
        }
        endpoints.add(new Endpoint(url));
        return endpoints;
    }

    /** The endpoints of one task: those at the given indices, or all of them when none are given. */
    public static List<Endpoint> forTask(HttpSourceConfig config) {
        List<Endpoint> all = all(config);
        List<Integer> indices = config.taskEndpointIndices();
        if (indices.isEmpty()) {
            return all;
        }
        List<Endpoint> mine = new ArrayList<>();
        for (int index : indices) {
            mine.add(all.get(index));
        }
        return mine;
    }

    /** Round-robin assignment of endpoint indices to at most {@code maxTasks} groups, none empty. */
    public static List<List<Integer>> assign(int endpointCount, int maxTasks) {
        int groups = Math.max(1, Math.min(endpointCount, maxTasks));
        List<List<Integer>> assignment = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            assignment.add(new ArrayList<>());
        }
        for (int i = 0; i < endpointCount; i++) {
            assignment.get(i % groups).add(i);
        }
        return assignment;
    }
}
