package io.github.schemafirst.connect.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code PUT /connector-plugins/{class}/config/validate} answered: the error count and, per config key, the
 * error messages (keys without errors are left out).
 */
public record ConfigValidation(int errorCount, Map<String, List<String>> errors) {

    static ConfigValidation parse(JsonNode response) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : response.path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(message -> messages.add(message.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), Collections.unmodifiableList(messages));
            }
        }
        return new ConfigValidation(response.path("error_count").asInt(), Collections.unmodifiableMap(errors));
    }

    /** The messages for {@code key}; empty when it has none. */
    public List<String> errorsFor(String key) {
        return errors.getOrDefault(key, List.of());
    }

    public boolean isValid() {
        return errorCount == 0;
    }
}
